package rbac

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// AddRoleRules links security rules to a role as POST
// /security/roles/{id}/rules does. The reserved check is on the rule: per
// rule, a reserved rule (id ≤ 99) is 4008 and an unknown rule 4022 (keyed by
// the rule id), an unknown role 4002 (keyed by the role id), an existing
// link 4023. A custom rule may be linked to any role, administrator
// included. If any link was made, Items holds the updated role, Total the
// number of links, and every run_as token is invalidated.
func (s *Store) AddRoleRules(ctx context.Context, roleID int, ruleIDs []int) (Result[Role], error) {
	return s.changeRoleLinks(ctx, roleID, ruleIDs, ruleLinkFailedID, false, func(tx *gorm.DB, ruleID int) (int, error) {
		return s.addRoleRuleTx(tx, roleID, ruleID)
	})
}

func (s *Store) addRoleRuleTx(tx *gorm.DB, roleID, ruleID int) (int, error) {
	if ruleID <= MaxReservedID {
		return CodeReservedResource, nil
	}
	if code, err := ruleAndRoleExist(tx, roleID, ruleID); code != 0 || err != nil {
		return code, err
	}
	link, err := firstOrNil[roleRuleRow](tx.Where("role_id = ? AND rule_id = ?", roleID, ruleID))
	if err != nil {
		return 0, err
	}
	if link != nil {
		return CodeRoleRuleExists, nil
	}
	row := roleRuleRow{RoleID: roleID, RuleID: ruleID, CreatedAt: dbTime{s.now()}}
	if err := tx.Create(&row).Error; err != nil {
		return 0, fmt.Errorf("rbac: link rule %d to role %d: %w", ruleID, roleID, err)
	}
	return 0, nil
}

// RemoveRoleRules unlinks security rules from a role as DELETE
// /security/roles/{id}/rules does. Per rule: reserved rule 4008, unknown
// rule 4022, unknown role 4002, missing link 4024. If any link was removed,
// Items holds the updated role and every run_as token is invalidated.
func (s *Store) RemoveRoleRules(ctx context.Context, roleID int, ruleIDs []int) (Result[Role], error) {
	return s.changeRoleLinks(ctx, roleID, ruleIDs, ruleLinkFailedID, false, func(tx *gorm.DB, ruleID int) (int, error) {
		return removeRoleRuleTx(tx, roleID, ruleID)
	})
}

func removeRoleRuleTx(tx *gorm.DB, roleID, ruleID int) (int, error) {
	if ruleID <= MaxReservedID {
		return CodeReservedResource, nil
	}
	if code, err := ruleAndRoleExist(tx, roleID, ruleID); code != 0 || err != nil {
		return code, err
	}
	q := tx.Where("role_id = ? AND rule_id = ?", roleID, ruleID).Delete(&roleRuleRow{})
	if q.Error != nil {
		return 0, fmt.Errorf("rbac: unlink rule %d from role %d: %w", ruleID, roleID, q.Error)
	}
	if q.RowsAffected == 0 {
		return CodeRoleRuleMissing, nil
	}
	return 0, nil
}

// ruleAndRoleExist returns 4022 or 4002 when one side is missing, the rule
// checked first.
func ruleAndRoleExist(tx *gorm.DB, roleID, ruleID int) (int, error) {
	return bothExist[ruleRow, roleRow](tx, ruleID, CodeRuleNotFound, roleID, CodeRoleNotFound)
}

// ruleLinkFailedID is the id Wazuh reports for a role-rule failure: the
// role for 4002, the rule otherwise.
func ruleLinkFailedID(code, roleID, ruleID int) int {
	if code == CodeRoleNotFound {
		return roleID
	}
	return ruleID
}
