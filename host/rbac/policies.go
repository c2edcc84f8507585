package rbac

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// GetPolicies returns the policies with the given ids in order, or every
// policy by id when ids is nil. Unknown ids fail with 4007.
func (s *Store) GetPolicies(ctx context.Context, ids []int) (Result[Policy], error) {
	var res Result[Policy]
	db := s.db.WithContext(ctx)
	rows, err := loadRows[policyRow](db, ids)
	if err != nil {
		return res, err
	}
	for i, row := range rows {
		if row == nil {
			res.fail(ids[i], CodePolicyNotFound)
			continue
		}
		p, err := policyFromRow(db, row)
		if err != nil {
			return res, err
		}
		res.add(*p)
	}
	return res, nil
}

// CreatePolicy adds a policy as POST /security/policies does. body is the
// JSON of the "policy" object. An invalid body is a failed item 4006 and a
// taken name or identical body 4009, both keyed by the name. Nothing is
// invalidated.
func (s *Store) CreatePolicy(ctx context.Context, name string, body []byte) (Result[Policy], error) {
	var res Result[Policy]
	text, verr := ParsePolicyBody(body)
	err := s.write(ctx, func(tx *gorm.DB) error {
		if verr != nil {
			res.fail(name, CodeInvalidPolicy)
			return nil
		}
		id, err := nextID(tx, "policies")
		if err != nil {
			return err
		}
		row := policyRow{ID: id, Name: name, Policy: text, CreatedAt: dbTime{s.now()}}
		if err := tx.Create(&row).Error; err != nil {
			if isUniqueViolation(err) {
				res.fail(name, CodeNameOrPolicyExists)
				return nil
			}
			return fmt.Errorf("rbac: create policy: %w", err)
		}
		p, err := policyFromRow(tx, &row)
		if err != nil {
			return err
		}
		res.add(*p)
		return nil
	})
	return res, err
}

// UpdatePolicy changes a policy's name and/or body as PUT
// /security/policies/{id} does (nil means "not given"; both nil is error
// 4001). Per id: unknown 4007, reserved 4008, invalid body 4006, taken name
// or identical body 4013. Success invalidates every role linked to it.
func (s *Store) UpdatePolicy(ctx context.Context, id int, name *string, body []byte) (Result[Policy], error) {
	var res Result[Policy]
	if name == nil && body == nil {
		return res, wazuhError(CodeEmptyBody)
	}
	err := s.write(ctx, func(tx *gorm.DB) error {
		row, err := policyRowByID(tx, id)
		if err != nil {
			return err
		}
		switch {
		case row == nil:
			res.fail(id, CodePolicyNotFound)
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
			text, err := ParsePolicyBody(body)
			if err != nil {
				res.fail(id, CodeInvalidPolicy)
				return nil
			}
			updates["policy"] = text
		}
		if err := tx.Model(&policyRow{}).Where("id = ?", id).Updates(updates).Error; err != nil {
			if isUniqueViolation(err) {
				res.fail(id, CodeNameExists)
				return nil
			}
			return fmt.Errorf("rbac: update policy: %w", err)
		}
		updated, err := policyRowByID(tx, id)
		if err != nil {
			return err
		}
		p, err := policyFromRow(tx, updated)
		if err != nil {
			return err
		}
		if err := s.invalidateRolesTx(tx, p.Roles...); err != nil {
			return err
		}
		res.add(*p)
		return nil
	})
	return res, err
}

// DeletePolicies deletes policies as DELETE /security/policies does; ids nil
// means all. Per id: reserved 4008 (checked first), unknown 4007. The roles
// linked to each deleted policy are invalidated. Affected policies are
// sorted by id.
func (s *Store) DeletePolicies(ctx context.Context, ids []int) (Result[Policy], error) {
	var res Result[Policy]
	err := s.write(ctx, func(tx *gorm.DB) error {
		if ids == nil {
			all, err := ints(tx.Model(&policyRow{}).Select("id").Order("id"))
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
			row, err := policyRowByID(tx, id)
			if err != nil {
				return err
			}
			if row == nil {
				res.fail(id, CodePolicyNotFound)
				continue
			}
			p, err := policyFromRow(tx, row)
			if err != nil {
				return err
			}
			if err := tx.Where("policy_id = ?", id).Delete(&rolePolicyRow{}).Error; err != nil {
				return fmt.Errorf("rbac: delete policy links: %w", err)
			}
			if err := tx.Where("id = ?", id).Delete(&policyRow{}).Error; err != nil {
				return fmt.Errorf("rbac: delete policy: %w", err)
			}
			if err := s.invalidateRolesTx(tx, p.Roles...); err != nil {
				return err
			}
			res.add(*p)
		}
		sortByID(res.Items, func(p Policy) int { return p.ID })
		return nil
	})
	return res, err
}
