package rbac

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// AddRolePolicies links policies to a role as POST
// /security/roles/{id}/policies does: at position (nil appends; negative is
// error 4018), several policies going in at position, position+1, ... Per
// policy: reserved role 4008 and unknown role 4002 (keyed by the role id),
// unknown policy 4007, existing link 4011. If any link was made, Items holds
// the updated role, Total the number of links, and the role's tokens are
// invalidated.
func (s *Store) AddRolePolicies(ctx context.Context, roleID int, policyIDs []int, position *int) (Result[Role], error) {
	var res Result[Role]
	if err := checkPosition(position); err != nil {
		return res, err
	}
	pos := copyPosition(position)
	err := s.write(ctx, func(tx *gorm.DB) error {
		linked := 0
		for _, policyID := range policyIDs {
			code, err := s.addRolePolicyTx(tx, roleID, policyID, pos)
			if err != nil {
				return err
			}
			if code != 0 {
				res.fail(roleLinkFailedID(code, roleID, policyID), code)
				continue
			}
			linked++
			if pos != nil {
				*pos++
			}
		}
		return s.finishRoleLinks(tx, &res, roleID, linked, true)
	})
	return res, err
}

func (s *Store) addRolePolicyTx(tx *gorm.DB, roleID, policyID int, pos *int) (int, error) {
	if roleID <= MaxReservedID {
		return CodeReservedResource, nil
	}
	if code, err := roleAndPolicyExist(tx, roleID, policyID); code != 0 || err != nil {
		return code, err
	}
	link, err := firstOrNil[rolePolicyRow](tx.Where("role_id = ? AND policy_id = ?", roleID, policyID))
	if err != nil {
		return 0, err
	}
	if link != nil {
		return CodeRolePolicyExists, nil
	}
	level, err := placeLink(tx, &rolePolicyRow{}, "role_id", roleID, pos)
	if err != nil {
		return 0, err
	}
	row := rolePolicyRow{RoleID: roleID, PolicyID: policyID, Level: level, CreatedAt: dbTime{s.now()}}
	if err := tx.Create(&row).Error; err != nil {
		return 0, fmt.Errorf("rbac: link policy %d to role %d: %w", policyID, roleID, err)
	}
	return 0, nil
}

// RemoveRolePolicies unlinks policies from a role as DELETE
// /security/roles/{id}/policies does. Per policy: reserved role 4008 and
// unknown role 4002 (keyed by the role id), unknown policy 4007, missing
// link 4010. The links after a removed one move down one level. If any link
// was removed, Items holds the updated role and its tokens are invalidated.
func (s *Store) RemoveRolePolicies(ctx context.Context, roleID int, policyIDs []int) (Result[Role], error) {
	var res Result[Role]
	err := s.write(ctx, func(tx *gorm.DB) error {
		removed := 0
		for _, policyID := range policyIDs {
			code, err := removeRolePolicyTx(tx, roleID, policyID)
			if err != nil {
				return err
			}
			if code != 0 {
				res.fail(roleLinkFailedID(code, roleID, policyID), code)
				continue
			}
			removed++
		}
		return s.finishRoleLinks(tx, &res, roleID, removed, true)
	})
	return res, err
}

func removeRolePolicyTx(tx *gorm.DB, roleID, policyID int) (int, error) {
	if roleID <= MaxReservedID {
		return CodeReservedResource, nil
	}
	if code, err := roleAndPolicyExist(tx, roleID, policyID); code != 0 || err != nil {
		return code, err
	}
	link, err := firstOrNil[rolePolicyRow](tx.Where("role_id = ? AND policy_id = ?", roleID, policyID))
	if err != nil {
		return 0, err
	}
	if link == nil {
		return CodeRolePolicyMissing, nil
	}
	if err := tx.Where("id = ?", link.ID).Delete(&rolePolicyRow{}).Error; err != nil {
		return 0, fmt.Errorf("rbac: unlink policy %d from role %d: %w", policyID, roleID, err)
	}
	return 0, closeGap(tx, &rolePolicyRow{}, "role_id", roleID, link.Level)
}

func roleAndPolicyExist(tx *gorm.DB, roleID, policyID int) (int, error) {
	role, err := roleRowByID(tx, roleID)
	if err != nil {
		return 0, err
	}
	if role == nil {
		return CodeRoleNotFound, nil
	}
	policy, err := policyRowByID(tx, policyID)
	if err != nil {
		return 0, err
	}
	if policy == nil {
		return CodePolicyNotFound, nil
	}
	return 0, nil
}

// roleLinkFailedID is the id Wazuh reports for a role-policy failure: the
// role for 4008 and 4002, the policy otherwise.
func roleLinkFailedID(code, roleID, policyID int) int {
	if code == CodeReservedResource || code == CodeRoleNotFound {
		return roleID
	}
	return policyID
}

// finishRoleLinks adds the updated role when n links changed, and
// invalidates the role's tokens (invalidateRole) or every run_as token.
func (s *Store) finishRoleLinks(tx *gorm.DB, res *Result[Role], roleID, n int, invalidateRole bool) error {
	if n == 0 {
		return nil
	}
	row, err := roleRowByID(tx, roleID)
	if err != nil || row == nil {
		return err
	}
	r, err := roleFromRow(tx, row)
	if err != nil {
		return err
	}
	res.Items = append(res.Items, *r)
	res.Total = n
	if invalidateRole {
		return s.invalidateRolesTx(tx, roleID)
	}
	return s.invalidateRunAsTx(tx)
}
