package rbac

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// bodyKind describes a resource stored as a name and a JSON body, linked to
// roles: policies and security rules, whose create, update and delete
// differ only by what is listed here. Link is the GORM model of the
// role link table.
type bodyKind[Row, Item, Link any] struct {
	rowKind[Row, Item]
	// noun names the resource in internal errors ("policy").
	noun string
	// table is the resource's table and column its body column.
	table, column string
	// linkColumn is the resource's column in the link table.
	linkColumn string
	// Failure codes: an invalid body, and a taken name or identical body
	// on create and on update.
	invalid, createExists, updateExists int
	// parse validates a body and returns the text to store.
	parse func([]byte) (string, error)
	// newRow builds the row of a new resource.
	newRow func(id int, name, body string, created dbTime) Row
	// roles returns the roles linked to an item.
	roles func(Item) []int
}

// create adds a resource. An invalid body is a failed item k.invalid and
// a taken name or identical body k.createExists, both keyed by the name.
// Nothing is invalidated.
func (k *bodyKind[Row, Item, Link]) create(ctx context.Context, s *Store, name string, body []byte) (Result[Item], error) {
	var res Result[Item]
	text, verr := k.parse(body)
	err := s.write(ctx, func(tx *gorm.DB) error {
		if verr != nil {
			res.fail(name, k.invalid)
			return nil
		}
		id, err := nextID(tx, k.table)
		if err != nil {
			return err
		}
		row := k.newRow(id, name, text, dbTime{s.now()})
		if err := tx.Create(&row).Error; err != nil {
			if isUniqueViolation(err) {
				res.fail(name, k.createExists)
				return nil
			}
			return fmt.Errorf("rbac: create %s: %w", k.noun, err)
		}
		item, err := k.fromRow(tx, &row)
		if err != nil {
			return err
		}
		res.add(*item)
		return nil
	})
	return res, err
}

// update changes a resource's name and/or body (nil means "not given";
// both nil is error 4001). Per id: unknown k.notFound, reserved 4008,
// invalid body k.invalid, taken name or identical body k.updateExists.
// Success invalidates every role linked to the resource.
func (k *bodyKind[Row, Item, Link]) update(ctx context.Context, s *Store, id int, name *string, body []byte) (Result[Item], error) {
	var res Result[Item]
	if name == nil && body == nil {
		return res, wazuhError(CodeEmptyBody)
	}
	err := s.write(ctx, func(tx *gorm.DB) error {
		row, err := firstOrNil[Row](tx.Where("id = ?", id))
		if err != nil {
			return err
		}
		switch {
		case row == nil:
			res.fail(id, k.notFound)
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
			text, err := k.parse(body)
			if err != nil {
				res.fail(id, k.invalid)
				return nil
			}
			updates[k.column] = text
		}
		if err := tx.Model(new(Row)).Where("id = ?", id).Updates(updates).Error; err != nil {
			if isUniqueViolation(err) {
				res.fail(id, k.updateExists)
				return nil
			}
			return fmt.Errorf("rbac: update %s: %w", k.noun, err)
		}
		updated, err := firstOrNil[Row](tx.Where("id = ?", id))
		if err != nil {
			return err
		}
		item, err := k.fromRow(tx, updated)
		if err != nil {
			return err
		}
		if err := s.invalidateRolesTx(tx, k.roles(*item)...); err != nil {
			return err
		}
		res.add(*item)
		return nil
	})
	return res, err
}

// delete deletes resources (ids nil means all) with their role links, as
// rowKind.deleteEach does, invalidating the roles linked to each.
func (k *bodyKind[Row, Item, Link]) delete(ctx context.Context, s *Store, ids []int) (Result[Item], error) {
	return k.deleteEach(ctx, s, ids, func(tx *gorm.DB, id int, item Item) error {
		if err := tx.Where(k.linkColumn+" = ?", id).Delete(new(Link)).Error; err != nil {
			return fmt.Errorf("rbac: delete %s links: %w", k.noun, err)
		}
		if err := tx.Where("id = ?", id).Delete(new(Row)).Error; err != nil {
			return fmt.Errorf("rbac: delete %s: %w", k.noun, err)
		}
		return s.invalidateRolesTx(tx, k.roles(item)...)
	})
}
