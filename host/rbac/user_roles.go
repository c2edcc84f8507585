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
	if err := checkPosition(position); err != nil {
		return Result[User]{}, err
	}
	pos := copyPosition(position)
	return s.changeUserLinks(ctx, userID, roleIDs, func(tx *gorm.DB, roleID int) (int, error) {
		return s.addUserRoleTx(tx, userID, roleID, pos)
	})
}

// addUserRoleTx makes one link at *pos (nil appends; placeLink advances it)
// and returns 0 or the Wazuh failure code.
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
	return s.changeUserLinks(ctx, userID, roleIDs, func(tx *gorm.DB, roleID int) (int, error) {
		return removeUserRoleTx(tx, userID, roleID)
	})
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

// userAndRoleExist returns 5001 or 4002 when one side is missing, the user
// checked first.
func userAndRoleExist(tx *gorm.DB, userID, roleID int) (int, error) {
	return bothExist[userRow, roleRow](tx, userID, CodeUserNotFound, roleID, CodeRoleNotFound)
}

// changeUserLinks runs op on every role id in one transaction (see
// eachLink; an unknown user, 5001, stops the loop). If any link changed,
// Items holds the updated user, Total the number of changes, and the
// user's tokens are invalidated.
func (s *Store) changeUserLinks(ctx context.Context, userID int, roleIDs []int, op func(tx *gorm.DB, roleID int) (int, error)) (Result[User], error) {
	var res Result[User]
	err := s.write(ctx, func(tx *gorm.DB) error {
		n, err := eachLink(&res, userID, roleIDs, CodeUserNotFound, userLinkFailedID, func(roleID int) (int, error) {
			return op(tx, roleID)
		})
		if err != nil || n == 0 {
			return err
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
	})
	return res, err
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
