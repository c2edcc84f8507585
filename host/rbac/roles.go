package rbac

import (
	"context"
	"fmt"
	"unicode/utf8"

	"gorm.io/gorm"
)

// MaxNameLength is the longest role, policy or rule name (characters).
const MaxNameLength = 64

// roleKind describes the roles table.
var roleKind = rowKind[roleRow, Role]{
	notFound: CodeRoleNotFound,
	fromRow:  roleFromRow,
	itemID:   func(r Role) int { return r.ID },
}

// GetRoles returns the roles with the given ids in order, or every role by
// id when ids is nil. Unknown ids fail with 4002.
func (s *Store) GetRoles(ctx context.Context, ids []int) (Result[Role], error) {
	return roleKind.get(s.db.WithContext(ctx), ids)
}

// CreateRole adds a role as POST /security/roles does. A taken name (or one
// over 64 characters, which trips the table's CHECK constraint) is a failed
// item 4005 keyed by the name. Nothing is invalidated.
func (s *Store) CreateRole(ctx context.Context, name string) (Result[Role], error) {
	var res Result[Role]
	err := s.write(ctx, func(tx *gorm.DB) error {
		if utf8.RuneCountInString(name) > MaxNameLength {
			res.fail(name, CodeNameOrRuleExists)
			return nil
		}
		id, err := nextID(tx, "roles")
		if err != nil {
			return err
		}
		row := roleRow{ID: id, Name: name, CreatedAt: dbTime{s.now()}}
		if err := tx.Create(&row).Error; err != nil {
			if isUniqueViolation(err) {
				res.fail(name, CodeNameOrRuleExists)
				return nil
			}
			return fmt.Errorf("rbac: create role: %w", err)
		}
		r, err := roleFromRow(tx, &row)
		if err != nil {
			return err
		}
		res.add(*r)
		return nil
	})
	return res, err
}

// UpdateRole renames a role as PUT /security/roles/{id} does. A nil name is
// error 4001. Per id: unknown 4002, reserved 4008, taken name 4005. Success
// invalidates the tokens of the role's users.
func (s *Store) UpdateRole(ctx context.Context, id int, name *string) (Result[Role], error) {
	var res Result[Role]
	if name == nil {
		return res, wazuhError(CodeEmptyBody)
	}
	err := s.write(ctx, func(tx *gorm.DB) error {
		row, err := roleRowByID(tx, id)
		if err != nil {
			return err
		}
		switch {
		case row == nil:
			res.fail(id, CodeRoleNotFound)
			return nil
		case id <= MaxReservedID:
			res.fail(id, CodeReservedResource)
			return nil
		case utf8.RuneCountInString(*name) > MaxNameLength:
			res.fail(id, CodeNameOrRuleExists)
			return nil
		}
		if err := tx.Model(&roleRow{}).Where("id = ?", id).Update("name", *name).Error; err != nil {
			if isUniqueViolation(err) {
				res.fail(id, CodeNameOrRuleExists)
				return nil
			}
			return fmt.Errorf("rbac: rename role: %w", err)
		}
		row.Name = *name
		if err := s.invalidateRolesTx(tx, id); err != nil {
			return err
		}
		r, err := roleFromRow(tx, row)
		if err != nil {
			return err
		}
		res.add(*r)
		return nil
	})
	return res, err
}

// DeleteRoles deletes roles as DELETE /security/roles does; ids nil means
// all roles. Per id: reserved 4008 (checked first), unknown 4002. Deleted
// roles' tokens are invalidated. Affected roles are sorted by id.
func (s *Store) DeleteRoles(ctx context.Context, ids []int) (Result[Role], error) {
	return roleKind.deleteEach(ctx, s, ids, func(tx *gorm.DB, id int, _ Role) error {
		if err := deleteRoleTx(tx, id); err != nil {
			return err
		}
		return s.invalidateRolesTx(tx, id)
	})
}

// deleteRoleTx removes a role and its links (explicitly, so that a database
// opened without foreign-key enforcement stays consistent).
func deleteRoleTx(tx *gorm.DB, id int) error {
	for _, m := range []any{&userRoleRow{}, &rolePolicyRow{}, &roleRuleRow{}} {
		if err := tx.Where("role_id = ?", id).Delete(m).Error; err != nil {
			return fmt.Errorf("rbac: delete role links: %w", err)
		}
	}
	if err := tx.Where("id = ?", id).Delete(&roleRow{}).Error; err != nil {
		return fmt.Errorf("rbac: delete role: %w", err)
	}
	return nil
}
