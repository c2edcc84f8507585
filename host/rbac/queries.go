package rbac

import (
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// firstOrNil loads the row matching the query into a new T, or returns nil
// when there is none.
func firstOrNil[T any](q *gorm.DB) (*T, error) {
	var row T
	err := q.Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("rbac: query: %w", err)
	}
	return &row, nil
}

func (s *Store) userRowByName(tx *gorm.DB, username string) (*userRow, error) {
	return firstOrNil[userRow](tx.Where("username = ?", username))
}

func userRowByID(tx *gorm.DB, id int) (*userRow, error) {
	return firstOrNil[userRow](tx.Where("id = ?", id))
}

func roleRowByID(tx *gorm.DB, id int) (*roleRow, error) {
	return firstOrNil[roleRow](tx.Where("id = ?", id))
}

func policyRowByID(tx *gorm.DB, id int) (*policyRow, error) {
	return firstOrNil[policyRow](tx.Where("id = ?", id))
}

func ruleRowByID(tx *gorm.DB, id int) (*ruleRow, error) {
	return firstOrNil[ruleRow](tx.Where("id = ?", id))
}

// ints runs a single-column integer query.
func ints(q *gorm.DB) ([]int, error) {
	out := []int{}
	if err := q.Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("rbac: query: %w", err)
	}
	return out, nil
}

// userRoleIDs returns the user's roles by position.
func userRoleIDs(tx *gorm.DB, userID int) ([]int, error) {
	return ints(tx.Model(&userRoleRow{}).Select("role_id").Where("user_id = ?", userID).Order("level, id"))
}

func (s *Store) userFromRow(tx *gorm.DB, row *userRow) (*User, error) {
	roles, err := userRoleIDs(tx, row.ID)
	if err != nil {
		return nil, err
	}
	return &User{ID: row.ID, Username: row.Username, AllowRunAs: row.AllowRunAs, Roles: roles, CreatedAt: row.CreatedAt.Time}, nil
}

func roleFromRow(tx *gorm.DB, row *roleRow) (*Role, error) {
	policies, err := ints(tx.Model(&rolePolicyRow{}).Select("policy_id").Where("role_id = ?", row.ID).Order("level, id"))
	if err != nil {
		return nil, err
	}
	users, err := ints(tx.Model(&userRoleRow{}).Select("user_id").Where("role_id = ?", row.ID).Order("user_id"))
	if err != nil {
		return nil, err
	}
	rules, err := ints(tx.Model(&roleRuleRow{}).Select("rule_id").Where("role_id = ?", row.ID).Order("rule_id"))
	if err != nil {
		return nil, err
	}
	return &Role{ID: row.ID, Name: row.Name, Policies: policies, Users: users, Rules: rules, CreatedAt: row.CreatedAt.Time}, nil
}

func policyFromRow(tx *gorm.DB, row *policyRow) (*Policy, error) {
	roles, err := ints(tx.Model(&rolePolicyRow{}).Select("role_id").Where("policy_id = ?", row.ID).Order("role_id"))
	if err != nil {
		return nil, err
	}
	return &Policy{ID: row.ID, Name: row.Name, Policy: rawJSON(row.Policy), Roles: roles, CreatedAt: row.CreatedAt.Time}, nil
}

func ruleFromRow(tx *gorm.DB, row *ruleRow) (*Rule, error) {
	roles, err := ints(tx.Model(&roleRuleRow{}).Select("role_id").Where("rule_id = ?", row.ID).Order("role_id"))
	if err != nil {
		return nil, err
	}
	return &Rule{ID: row.ID, Name: row.Name, Rule: rawJSON(row.Rule), Roles: roles, CreatedAt: row.CreatedAt.Time}, nil
}

// nextID returns the id Wazuh gives a new user, role, policy or rule: 100
// while every existing id is reserved, else the highest id plus one.
func nextID(tx *gorm.DB, table string) (int, error) {
	var maxID *int
	if err := tx.Table(table).Select("MAX(id)").Scan(&maxID).Error; err != nil {
		return 0, fmt.Errorf("rbac: next id of %s: %w", table, err)
	}
	if maxID == nil || *maxID < MaxReservedID {
		return MaxReservedID + 1, nil
	}
	return *maxID + 1, nil
}

// isUniqueViolation reports a UNIQUE or CHECK constraint failure, which
// Wazuh's ORM maps to "already exists" (an IntegrityError).
func isUniqueViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "constraint failed")
}

// loadRows returns one row per id (nil when missing), or every row ordered
// by id when ids is nil.
func loadRows[T any](db *gorm.DB, ids []int) ([]*T, error) {
	if ids == nil {
		var all []T
		if err := db.Order("id").Find(&all).Error; err != nil {
			return nil, fmt.Errorf("rbac: query: %w", err)
		}
		out := make([]*T, len(all))
		for i := range all {
			out[i] = &all[i]
		}
		return out, nil
	}
	out := make([]*T, len(ids))
	for i, id := range ids {
		row, err := firstOrNil[T](db.Where("id = ?", id))
		if err != nil {
			return nil, err
		}
		out[i] = row
	}
	return out, nil
}
