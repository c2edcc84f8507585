package rbac

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// GetUsers returns the users with the given ids in order, or every user by
// id when ids is nil. Unknown ids fail with 5001.
func (s *Store) GetUsers(ctx context.Context, ids []int) (Result[User], error) {
	users := rowKind[userRow, User]{notFound: CodeUserNotFound, fromRow: s.userFromRow}
	return users.get(s.db.WithContext(ctx), ids)
}

// GetUser returns one user, or error 5001 when it does not exist.
func (s *Store) GetUser(ctx context.Context, id int) (*User, error) {
	db := s.db.WithContext(ctx)
	row, err := userRowByID(db, id)
	if err != nil {
		return nil, err
	}
	if row == nil {
		return nil, wazuhError(CodeUserNotFound)
	}
	return s.userFromRow(db, row)
}

// GetUserByName returns one user by username, or error 5001.
func (s *Store) GetUserByName(ctx context.Context, username string) (*User, error) {
	db := s.db.WithContext(ctx)
	row, err := s.userRowByName(db, username)
	if err != nil {
		return nil, err
	}
	if row == nil {
		return nil, wazuhError(CodeUserNotFound)
	}
	return s.userFromRow(db, row)
}

// CreateUser adds a user as POST /security/users does. The password policy
// is enforced first and its violation returned as the error (5009, 5007:
// HTTP 400). A taken username is a failed item 5000 keyed by the username.
// The user gets the next id ≥ 100, allow_run_as=false and no roles; no
// token is invalidated.
func (s *Store) CreateUser(ctx context.Context, username, password string) (Result[User], error) {
	var res Result[User]
	if err := ValidatePassword(password); err != nil {
		return res, err
	}
	hash, err := s.hashNew(password)
	if err != nil {
		return res, err
	}
	err = s.write(ctx, func(tx *gorm.DB) error {
		id, err := nextID(tx, "users")
		if err != nil {
			return err
		}
		row := userRow{ID: id, Username: username, Password: hash, CreatedAt: dbTime{s.now()}}
		if err := tx.Create(&row).Error; err != nil {
			if isUniqueViolation(err) {
				res.fail(username, CodeUserNotCreated)
				return nil
			}
			return fmt.Errorf("rbac: create user: %w", err)
		}
		u, err := s.userFromRow(tx, &row)
		if err != nil {
			return err
		}
		res.add(*u)
		return nil
	})
	return res, err
}

// UpdateUserPassword changes a password as PUT /security/users/{id} does.
// caller is the username from the verified token. A nil password is error
// 4001; a password that breaks the policy is 5009/5007 (all raised, HTTP
// 400). An unknown user is a failed item 5001. Changing a reserved user
// (id ≤ 99) when the caller is not itself reserved is error 5011; an unknown
// caller counts as not reserved (fail closed). An empty password is
// accepted and leaves the hash unchanged, as in Wazuh. Success invalidates
// the user's tokens.
func (s *Store) UpdateUserPassword(ctx context.Context, caller string, id int, password *string) (Result[User], error) {
	var res Result[User]
	if password == nil {
		return res, wazuhError(CodeEmptyBody)
	}
	hash := ""
	if *password != "" {
		if err := ValidatePassword(*password); err != nil {
			return res, err
		}
		var err error
		if hash, err = s.hashNew(*password); err != nil {
			return res, err
		}
	}
	var raised error
	err := s.write(ctx, func(tx *gorm.DB) error {
		row, err := userRowByID(tx, id)
		if err != nil {
			return err
		}
		if row == nil {
			res.fail(id, CodeUserNotFound)
			return nil
		}
		if row.ID <= MaxReservedID {
			callerRow, err := s.userRowByName(tx, caller)
			if err != nil {
				return err
			}
			if callerRow == nil || callerRow.ID > MaxReservedID {
				raised = wazuhError(CodeAdminOnlyByAdmins)
				return nil
			}
		}
		if hash != "" {
			if err := tx.Model(&userRow{}).Where("id = ?", id).Update("password", hash).Error; err != nil {
				return fmt.Errorf("rbac: update password: %w", err)
			}
			row.Password = hash
		}
		if err := s.invalidateUsersTx(tx, id); err != nil {
			return err
		}
		u, err := s.userFromRow(tx, row)
		if err != nil {
			return err
		}
		res.add(*u)
		return nil
	})
	if err == nil && raised != nil {
		return Result[User]{}, raised
	}
	return res, err
}

// SetAllowRunAs sets a user's allow_run_as flag as PUT
// /security/users/{id}/run_as does. Like Wazuh it has no reserved-id
// protection. An unknown user is a failed item 5001. Success invalidates
// the user's tokens.
func (s *Store) SetAllowRunAs(ctx context.Context, id int, allow bool) (Result[User], error) {
	var res Result[User]
	err := s.write(ctx, func(tx *gorm.DB) error {
		row, err := userRowByID(tx, id)
		if err != nil {
			return err
		}
		if row == nil {
			res.fail(id, CodeUserNotFound)
			return nil
		}
		if err := tx.Model(&userRow{}).Where("id = ?", id).Update("allow_run_as", allow).Error; err != nil {
			return fmt.Errorf("rbac: update allow_run_as: %w", err)
		}
		row.AllowRunAs = allow
		if err := s.invalidateUsersTx(tx, id); err != nil {
			return err
		}
		u, err := s.userFromRow(tx, row)
		if err != nil {
			return err
		}
		res.add(*u)
		return nil
	})
	return res, err
}

// DeleteUsers deletes users as DELETE /security/users does; ids nil means
// all users. caller is the username from the verified token. Per id:
// deleting yourself (id > 99) fails with 5008, a reserved id with 5004, an
// unknown id with 5001. Deleted users' tokens are invalidated. Affected
// users are sorted by id. For user_ids=all, Wazuh drops 5001, 5004 and 5008
// failures: use Result.Without.
func (s *Store) DeleteUsers(ctx context.Context, caller string, ids []int) (Result[User], error) {
	var res Result[User]
	err := s.write(ctx, func(tx *gorm.DB) error {
		if ids == nil {
			all, err := ints(tx.Model(&userRow{}).Select("id").Order("id"))
			if err != nil {
				return err
			}
			ids = all
		}
		callerRow, err := s.userRowByName(tx, caller)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := s.deleteUserTx(tx, &res, callerRow, id); err != nil {
				return err
			}
		}
		sortByID(res.Items, func(u User) int { return u.ID })
		return nil
	})
	return res, err
}

func (s *Store) deleteUserTx(tx *gorm.DB, res *Result[User], callerRow *userRow, id int) error {
	if callerRow != nil && callerRow.ID == id && id > MaxReservedID {
		res.fail(id, CodeCurrentUser)
		return nil
	}
	if id <= MaxReservedID {
		res.fail(id, CodeReservedUser)
		return nil
	}
	row, err := userRowByID(tx, id)
	if err != nil {
		return err
	}
	if row == nil {
		res.fail(id, CodeUserNotFound)
		return nil
	}
	u, err := s.userFromRow(tx, row)
	if err != nil {
		return err
	}
	if err := tx.Where("user_id = ?", id).Delete(&userRoleRow{}).Error; err != nil {
		return fmt.Errorf("rbac: delete user roles: %w", err)
	}
	if err := tx.Where("id = ?", id).Delete(&userRow{}).Error; err != nil {
		return fmt.Errorf("rbac: delete user: %w", err)
	}
	if err := s.invalidateUsersTx(tx, id); err != nil {
		return err
	}
	res.add(*u)
	return nil
}
