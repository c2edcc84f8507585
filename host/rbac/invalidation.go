package rbac

import (
	"context"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Token invalidation (security.md §1.5). A rule says "tokens with
// nbf <= nbf_invalid_until are invalid"; nbf_invalid_until is the current
// second, so a token issued in the same second as the invalidation is
// rejected and one issued a second later is accepted. A row is useless
// after is_valid_until = nbf_invalid_until + auth_token_exp_timeout and
// expired rows are purged every time a rule is written.

// InvalidateUsers writes a users_token_blacklist rule for each user: all
// their tokens issued up to now become invalid. The HTTP layer calls it for
// logout (DELETE /security/user/authenticate); the user operations of this
// package call it themselves.
func (s *Store) InvalidateUsers(ctx context.Context, userIDs ...int) error {
	return s.write(ctx, func(tx *gorm.DB) error { return s.invalidateUsersTx(tx, userIDs...) })
}

// InvalidateRoles writes a roles_token_blacklist rule for each role: tokens
// of users holding it, issued up to now, become invalid.
func (s *Store) InvalidateRoles(ctx context.Context, roleIDs ...int) error {
	return s.write(ctx, func(tx *gorm.DB) error { return s.invalidateRolesTx(tx, roleIDs...) })
}

// InvalidateRunAs replaces the single runas_token_blacklist rule: every
// run_as token issued up to now becomes invalid.
func (s *Store) InvalidateRunAs(ctx context.Context) error {
	return s.write(ctx, s.invalidateRunAsTx)
}

// Logout invalidates the tokens of username (DELETE
// /security/user/authenticate). Unlike Wazuh this works for users without
// roles too, because CheckToken always checks the user's own rule.
func (s *Store) Logout(ctx context.Context, username string) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		row, err := s.userRowByName(tx, username)
		if err != nil || row == nil {
			return err
		}
		return s.invalidateUsersTx(tx, row.ID)
	})
}

// RevokeAll deletes every invalidation rule, as PUT /security/user/revoke
// and PUT/DELETE /security/config do after rotating the JWT key pair (the
// rotation itself is what invalidates every token).
func (s *Store) RevokeAll(ctx context.Context) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		for _, m := range []any{&userBlacklistRow{}, &roleBlacklistRow{}, &runAsBlacklistRow{}} {
			if err := tx.Session(&gorm.Session{AllowGlobalUpdate: true}).Delete(m).Error; err != nil {
				return fmt.Errorf("rbac: revoke: %w", err)
			}
		}
		return nil
	})
}

// PurgeExpired deletes invalidation rules whose is_valid_until has passed
// and returns how many it removed.
func (s *Store) PurgeExpired(ctx context.Context) (int64, error) {
	var n int64
	err := s.write(ctx, func(tx *gorm.DB) error {
		var err error
		n, err = s.purgeExpiredTx(tx)
		return err
	})
	return n, err
}

func (s *Store) purgeExpiredTx(tx *gorm.DB) (int64, error) {
	now := s.now().Unix()
	var total int64
	for _, m := range []any{&userBlacklistRow{}, &roleBlacklistRow{}, &runAsBlacklistRow{}} {
		q := tx.Where("is_valid_until < ?", now).Delete(m)
		if q.Error != nil {
			return 0, fmt.Errorf("rbac: purge expired rules: %w", q.Error)
		}
		total += q.RowsAffected
	}
	return total, nil
}

// ruleTimes returns (nbf_invalid_until, is_valid_until) for a rule written
// now.
func (s *Store) ruleTimes() (int64, int64) {
	now := s.now().Unix()
	return now, now + s.tokenTimeout()
}

func (s *Store) invalidateUsersTx(tx *gorm.DB, userIDs ...int) error {
	if len(userIDs) == 0 {
		return nil
	}
	if _, err := s.purgeExpiredTx(tx); err != nil {
		return err
	}
	nbf, until := s.ruleTimes()
	for _, id := range userIDs {
		row := userBlacklistRow{UserID: id, NbfInvalidUntil: nbf, IsValidUntil: until}
		if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&row).Error; err != nil {
			return fmt.Errorf("rbac: invalidate user %d: %w", id, err)
		}
	}
	return nil
}

func (s *Store) invalidateRolesTx(tx *gorm.DB, roleIDs ...int) error {
	if len(roleIDs) == 0 {
		return nil
	}
	if _, err := s.purgeExpiredTx(tx); err != nil {
		return err
	}
	nbf, until := s.ruleTimes()
	for _, id := range roleIDs {
		row := roleBlacklistRow{RoleID: id, NbfInvalidUntil: nbf, IsValidUntil: until}
		if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&row).Error; err != nil {
			return fmt.Errorf("rbac: invalidate role %d: %w", id, err)
		}
	}
	return nil
}

func (s *Store) invalidateRunAsTx(tx *gorm.DB) error {
	if _, err := s.purgeExpiredTx(tx); err != nil {
		return err
	}
	if err := tx.Session(&gorm.Session{AllowGlobalUpdate: true}).Delete(&runAsBlacklistRow{}).Error; err != nil {
		return fmt.Errorf("rbac: invalidate run_as: %w", err)
	}
	nbf, until := s.ruleTimes()
	if err := tx.Create(&runAsBlacklistRow{NbfInvalidUntil: nbf, IsValidUntil: until}).Error; err != nil {
		return fmt.Errorf("rbac: invalidate run_as: %w", err)
	}
	return nil
}
