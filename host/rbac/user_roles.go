package rbac

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// AddUserRoles links roles to a user as POST /security/users/{id}/roles
// does: at position (nil appends; negative is error 4018), several roles
// going in at position, position+1, ... Per role: reserved user 4008 and
// unknown user 5001 (keyed by the user id; 5001 stops the loop), unknown
// role 4002, existing link 4017. If any link was made, Items holds the
// updated user, Total the number of links, and the user's tokens are
// invalidated.
func (s *Store) AddUserRoles(ctx context.Context, userID int, roleIDs []int, position *int) (Result[User], error) {
	var res Result[User]
	if err := checkPosition(position); err != nil {
		return res, err
	}
	pos := copyPosition(position)
	err := s.write(ctx, func(tx *gorm.DB) error {
		linked := 0
		for _, roleID := range roleIDs {
			code, err := s.addUserRoleTx(tx, userID, roleID, pos)
			if err != nil {
				return err
			}
			if code == CodeUserNotFound {
				res.fail(userID, code)
				break
			}
			if code != 0 {
				res.fail(userLinkFailedID(code, userID, roleID), code)
				continue
			}
			linked++
			if pos != nil {
				*pos++
			}
		}
		return s.finishUserLinks(tx, &res, userID, linked)
	})
	return res, err
}

// addUserRoleTx makes one link and returns 0 or the Wazuh failure code.
func (s *Store) addUserRoleTx(tx *gorm.DB, userID, roleID int, pos *int) (int, error) {
	if userID <= MaxReservedID {
		return CodeReservedResource, nil
	}
	if code, err := userAndRoleExist(tx, userID, roleID); code != 0 || err != nil {
		return code, err
	}
	link, err := firstOrNil[userRoleRow](tx.Where("user_id = ? AND role_id = ?", userID, roleID))
	if err != nil {
		return 0, err
	}
	if link != nil {
		return CodeUserRoleExists, nil
	}
	level, err := placeLink(tx, &userRoleRow{}, "user_id", userID, pos)
	if err != nil {
		return 0, err
	}
	row := userRoleRow{UserID: userID, RoleID: roleID, Level: level, CreatedAt: dbTime{s.now()}}
	if err := tx.Create(&row).Error; err != nil {
		return 0, fmt.Errorf("rbac: link role %d to user %d: %w", roleID, userID, err)
	}
	return 0, nil
}

// RemoveUserRoles unlinks roles from a user as DELETE
// /security/users/{id}/roles does. Per role: reserved user 4008 and unknown
// user 5001 (keyed by the user id; 5001 stops the loop), unknown role 4002,
// missing link 4016. Like Wazuh, the remaining links keep their levels. If
// any link was removed, Items holds the updated user and the user's tokens
// are invalidated.
func (s *Store) RemoveUserRoles(ctx context.Context, userID int, roleIDs []int) (Result[User], error) {
	var res Result[User]
	err := s.write(ctx, func(tx *gorm.DB) error {
		removed := 0
		for _, roleID := range roleIDs {
			code, err := removeUserRoleTx(tx, userID, roleID)
			if err != nil {
				return err
			}
			if code == CodeUserNotFound {
				res.fail(userID, code)
				break
			}
			if code != 0 {
				res.fail(userLinkFailedID(code, userID, roleID), code)
				continue
			}
			removed++
		}
		return s.finishUserLinks(tx, &res, userID, removed)
	})
	return res, err
}

func removeUserRoleTx(tx *gorm.DB, userID, roleID int) (int, error) {
	if userID <= MaxReservedID {
		return CodeReservedResource, nil
	}
	if code, err := userAndRoleExist(tx, userID, roleID); code != 0 || err != nil {
		return code, err
	}
	q := tx.Where("user_id = ? AND role_id = ?", userID, roleID).Delete(&userRoleRow{})
	if q.Error != nil {
		return 0, fmt.Errorf("rbac: unlink role %d from user %d: %w", roleID, userID, q.Error)
	}
	if q.RowsAffected == 0 {
		return CodeUserRoleMissing, nil
	}
	return 0, nil
}

// userAndRoleExist returns 5001 or 4002 when one side is missing.
func userAndRoleExist(tx *gorm.DB, userID, roleID int) (int, error) {
	user, err := userRowByID(tx, userID)
	if err != nil {
		return 0, err
	}
	if user == nil {
		return CodeUserNotFound, nil
	}
	role, err := roleRowByID(tx, roleID)
	if err != nil {
		return 0, err
	}
	if role == nil {
		return CodeRoleNotFound, nil
	}
	return 0, nil
}

// finishUserLinks adds the updated user and invalidates its tokens when n
// links changed.
func (s *Store) finishUserLinks(tx *gorm.DB, res *Result[User], userID, n int) error {
	if n == 0 {
		return nil
	}
	row, err := userRowByID(tx, userID)
	if err != nil || row == nil {
		return err
	}
	u, err := s.userFromRow(tx, row)
	if err != nil {
		return err
	}
	res.Items = append(res.Items, *u)
	res.Total = n
	return s.invalidateUsersTx(tx, userID)
}

// userLinkFailedID is the id Wazuh reports for a user-role failure: the
// user for 4008 and 5001, the role otherwise.
func userLinkFailedID(code, userID, roleID int) int {
	if code == CodeReservedResource || code == CodeUserNotFound {
		return userID
	}
	return roleID
}

func copyPosition(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
