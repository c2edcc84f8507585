package rbac

import (
	"context"

	"gorm.io/gorm"
)

// rowKind describes a resource table (users, roles, policies, rules) for
// the listing and deleting loops they share: Row is the GORM model, Item
// what the API shows.
type rowKind[Row, Item any] struct {
	// notFound is the failure code of an unknown id.
	notFound int
	// fromRow builds the item of a row.
	fromRow func(*gorm.DB, *Row) (*Item, error)
	// itemID returns an item's id.
	itemID func(Item) int
}

// get returns the items with the given ids in order, unknown ids failing
// with notFound, or every item by id when ids is nil.
func (k rowKind[Row, Item]) get(db *gorm.DB, ids []int) (Result[Item], error) {
	var res Result[Item]
	rows, err := loadRows[Row](db, ids)
	if err != nil {
		return res, err
	}
	for i, row := range rows {
		if row == nil {
			res.fail(ids[i], k.notFound)
			continue
		}
		item, err := k.fromRow(db, row)
		if err != nil {
			return res, err
		}
		res.add(*item)
	}
	return res, nil
}

// deleteEach is the loop of DELETE /security/roles, /policies and /rules;
// ids nil means every row, by id. Per id: reserved 4008 (checked first),
// unknown notFound. Otherwise remove deletes the row with its links and
// writes the token invalidations, and the item as it was before is
// affected. Affected items are sorted by id.
func (k rowKind[Row, Item]) deleteEach(ctx context.Context, s *Store, ids []int, remove func(tx *gorm.DB, id int, item Item) error) (Result[Item], error) {
	var res Result[Item]
	err := s.write(ctx, func(tx *gorm.DB) error {
		if ids == nil {
			all, err := ints(tx.Model(new(Row)).Select("id").Order("id"))
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
			row, err := firstOrNil[Row](tx.Where("id = ?", id))
			if err != nil {
				return err
			}
			if row == nil {
				res.fail(id, k.notFound)
				continue
			}
			item, err := k.fromRow(tx, row)
			if err != nil {
				return err
			}
			if err := remove(tx, id, *item); err != nil {
				return err
			}
			res.add(*item)
		}
		sortByID(res.Items, k.itemID)
		return nil
	})
	return res, err
}
