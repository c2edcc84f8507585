package rbac

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/wazuh-go/server/host/rbac/pyjson"
)

// ParseRuleBody validates a security rule body for storage: it must be a
// JSON object (else error 4003). It returns Python's json.dumps of it, key
// order kept, which is what Wazuh stores and compares for uniqueness.
func ParseRuleBody(data []byte) (string, error) {
	v, err := pyjson.Decode(data)
	if err != nil {
		return "", wazuhError(CodeInvalidRule)
	}
	if _, ok := v.(*pyjson.Object); !ok {
		return "", wazuhError(CodeInvalidRule)
	}
	return string(pyjson.Encode(v)), nil
}

// GetRules returns the security rules with the given ids in order, or every
// rule by id when ids is nil. Unknown ids fail with 4022.
func (s *Store) GetRules(ctx context.Context, ids []int) (Result[Rule], error) {
	var res Result[Rule]
	db := s.db.WithContext(ctx)
	rows, err := loadRows[ruleRow](db, ids)
	if err != nil {
		return res, err
	}
	for i, row := range rows {
		if row == nil {
			res.fail(ids[i], CodeRuleNotFound)
			continue
		}
		r, err := ruleFromRow(db, row)
		if err != nil {
			return res, err
		}
		res.add(*r)
	}
	return res, nil
}

// CreateRule adds a security rule as POST /security/rules does. body is the
// JSON of the "rule" object. A body that is not an object is a failed item
// 4003; a taken name or identical body is 4005, both keyed by the name.
// Nothing is invalidated.
func (s *Store) CreateRule(ctx context.Context, name string, body []byte) (Result[Rule], error) {
	var res Result[Rule]
	text, verr := ParseRuleBody(body)
	err := s.write(ctx, func(tx *gorm.DB) error {
		if verr != nil {
			res.fail(name, CodeInvalidRule)
			return nil
		}
		id, err := nextID(tx, "rules")
		if err != nil {
			return err
		}
		row := ruleRow{ID: id, Name: name, Rule: text, CreatedAt: dbTime{s.now()}}
		if err := tx.Create(&row).Error; err != nil {
			if isUniqueViolation(err) {
				res.fail(name, CodeNameOrRuleExists)
				return nil
			}
			return fmt.Errorf("rbac: create rule: %w", err)
		}
		r, err := ruleFromRow(tx, &row)
		if err != nil {
			return err
		}
		res.add(*r)
		return nil
	})
	return res, err
}

// UpdateRule changes a rule's name and/or body as PUT /security/rules/{id}
// does (nil means "not given"; both nil is error 4001). Per id: unknown
// 4022, reserved 4008, invalid body 4003, taken name or identical body
// 4005. Success invalidates every role linked to the rule.
func (s *Store) UpdateRule(ctx context.Context, id int, name *string, body []byte) (Result[Rule], error) {
	var res Result[Rule]
	if name == nil && body == nil {
		return res, wazuhError(CodeEmptyBody)
	}
	err := s.write(ctx, func(tx *gorm.DB) error {
		row, err := ruleRowByID(tx, id)
		if err != nil {
			return err
		}
		switch {
		case row == nil:
			res.fail(id, CodeRuleNotFound)
			return nil
		case id <= MaxReservedID:
			res.fail(id, CodeReservedResource)
			return nil
		}
		updates := map[string]any{}
		if name != nil {
			updates["name"] = *name
		}
		if body != nil {
			text, err := ParseRuleBody(body)
			if err != nil {
				res.fail(id, CodeInvalidRule)
				return nil
			}
			updates["rule"] = text
		}
		if err := tx.Model(&ruleRow{}).Where("id = ?", id).Updates(updates).Error; err != nil {
			if isUniqueViolation(err) {
				res.fail(id, CodeNameOrRuleExists)
				return nil
			}
			return fmt.Errorf("rbac: update rule: %w", err)
		}
		updated, err := ruleRowByID(tx, id)
		if err != nil {
			return err
		}
		r, err := ruleFromRow(tx, updated)
		if err != nil {
			return err
		}
		if err := s.invalidateRolesTx(tx, r.Roles...); err != nil {
			return err
		}
		res.add(*r)
		return nil
	})
	return res, err
}

// DeleteRules deletes security rules as DELETE /security/rules does; ids nil
// means all. Per id: reserved 4008 (checked first), unknown 4022. The roles
// linked to each deleted rule are invalidated. Affected rules are sorted by
// id.
func (s *Store) DeleteRules(ctx context.Context, ids []int) (Result[Rule], error) {
	var res Result[Rule]
	err := s.write(ctx, func(tx *gorm.DB) error {
		if ids == nil {
			all, err := ints(tx.Model(&ruleRow{}).Select("id").Order("id"))
			if err != nil {
				return err
			}
			ids = all
		}
		for _, id := range ids {
			if id <= MaxReservedID {
				res.fail(id, CodeReservedResource)
				continue
			}
			row, err := ruleRowByID(tx, id)
			if err != nil {
				return err
			}
			if row == nil {
				res.fail(id, CodeRuleNotFound)
				continue
			}
			r, err := ruleFromRow(tx, row)
			if err != nil {
				return err
			}
			if err := tx.Where("rule_id = ?", id).Delete(&roleRuleRow{}).Error; err != nil {
				return fmt.Errorf("rbac: delete rule links: %w", err)
			}
			if err := tx.Where("id = ?", id).Delete(&ruleRow{}).Error; err != nil {
				return fmt.Errorf("rbac: delete rule: %w", err)
			}
			if err := s.invalidateRolesTx(tx, r.Roles...); err != nil {
				return err
			}
			res.add(*r)
		}
		sortByID(res.Items, func(r Rule) int { return r.ID })
		return nil
	})
	return res, err
}
