package rbac

import (
	"context"

	"gorm.io/gorm"
)

// The loop and checks shared by the relationship operations (user-roles,
// role-policies, role-rules), and the transaction of the two whose owner is
// a role. What differs between them (which side is reserved, the check
// order, positions, how a link is removed, what is invalidated) stays in
// each operation's file.

// eachLink runs op on every linked id in order and returns how many links
// it changed. op returns 0 or the Wazuh failure code, which is recorded
// under the id failedID picks (owner or linked id); a failure with code
// stop (0: none) ends the loop.
func eachLink[T any](res *Result[T], owner int, ids []int, stop int, failedID func(code, owner, id int) int, op func(id int) (int, error)) (int, error) {
	n := 0
	for _, id := range ids {
		code, err := op(id)
		if err != nil {
			return n, err
		}
		if code != 0 {
			res.fail(failedID(code, owner, id), code)
			if code == stop {
				break
			}
			continue
		}
		n++
	}
	return n, nil
}

// bothExist returns missingA when there is no A row with id a, else
// missingB when there is no B row with id b, else 0.
func bothExist[A, B any](tx *gorm.DB, a, missingA, b, missingB int) (int, error) {
	if code, err := missingRow[A](tx, a, missingA); code != 0 || err != nil {
		return code, err
	}
	return missingRow[B](tx, b, missingB)
}

// missingRow returns code when there is no T row with id, else 0.
func missingRow[T any](tx *gorm.DB, id, code int) (int, error) {
	row, err := firstOrNil[T](tx.Where("id = ?", id))
	if err != nil || row != nil {
		return 0, err
	}
	return code, nil
}

// changeRoleLinks runs op on every linked id of a role in one transaction
// (see eachLink). If any link changed, Items holds the updated role, Total
// the number of changes, and the role's tokens (invalidateRole) or every
// run_as token are invalidated.
func (s *Store) changeRoleLinks(ctx context.Context, roleID int, ids []int, failedID func(code, roleID, id int) int, invalidateRole bool, op func(tx *gorm.DB, id int) (int, error)) (Result[Role], error) {
	var res Result[Role]
	err := s.write(ctx, func(tx *gorm.DB) error {
		n, err := eachLink(&res, roleID, ids, 0, failedID, func(id int) (int, error) {
			return op(tx, id)
		})
		if err != nil || n == 0 {
			return err
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
	})
	return res, err
}
