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
	if err := checkPosition(position); err != nil {
		return Result[Role]{}, err
	}
	pos := copyPosition(position)
	return s.changeRoleLinks(ctx, roleID, policyIDs, roleLinkFailedID, true, func(tx *gorm.DB, policyID int) (int, error) {
		return s.addRolePolicyTx(tx, roleID, policyID, pos)
	})
}

func (s *Store) addRolePolicyTx(tx *gorm.DB, roleID, policyID int, pos *int) (int, error) {
	link, code, err := rolePolicyLink(tx, roleID, policyID)
	if code != 0 || err != nil {
		return code, err
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
	return s.changeRoleLinks(ctx, roleID, policyIDs, roleLinkFailedID, true, func(tx *gorm.DB, policyID int) (int, error) {
		return removeRolePolicyTx(tx, roleID, policyID)
	})
}

func removeRolePolicyTx(tx *gorm.DB, roleID, policyID int) (int, error) {
	link, code, err := rolePolicyLink(tx, roleID, policyID)
	if code != 0 || err != nil {
		return code, err
	}
	if link == nil {
		return CodeRolePolicyMissing, nil
	}
	if err := tx.Where("id = ?", link.ID).Delete(&rolePolicyRow{}).Error; err != nil {
		return 0, fmt.Errorf("rbac: unlink policy %d from role %d: %w", policyID, roleID, err)
	}
	return 0, closeGap(tx, &rolePolicyRow{}, "role_id", roleID, link.Level)
}

// rolePolicyLink runs the checks both role-policy operations start with, a
// reserved role (4008), then an unknown role (4002) or policy (4007), and
// returns the link of policyID to roleID, nil when there is none.
func rolePolicyLink(tx *gorm.DB, roleID, policyID int) (*rolePolicyRow, int, error) {
	if roleID <= MaxReservedID {
		return nil, CodeReservedResource, nil
	}
	code, err := bothExist[roleRow, policyRow](tx, roleID, CodeRoleNotFound, policyID, CodePolicyNotFound)
	if code != 0 || err != nil {
		return nil, code, err
	}
	link, err := firstOrNil[rolePolicyRow](tx.Where("role_id = ? AND policy_id = ?", roleID, policyID))
	return link, 0, err
}

// roleLinkFailedID is the id Wazuh reports for a role-policy failure: the
// role for 4008 and 4002, the policy otherwise.
func roleLinkFailedID(code, roleID, policyID int) int {
	if code == CodeReservedResource || code == CodeRoleNotFound {
		return roleID
	}
	return policyID
}
