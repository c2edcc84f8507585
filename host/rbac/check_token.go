package rbac

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"
)

// CheckToken is step 2 of Wazuh's token validation (security.md §1.4) for a
// token whose signature, audience and expiry are already verified. It
// reports whether the token is still valid:
//   - the user (sub) must exist;
//   - unless the user has allow_run_as, its current DB roles must equal the
//     token's rbac_roles as a set;
//   - nbf must be strictly greater than the user's invalidation rule, the
//     rule of each of the user's current DB roles and, for run_as tokens,
//     the run_as rule.
//
// Unlike Wazuh, the user rule and the run_as rule are checked even when the
// user has no roles, so logging out (or any user-level invalidation) also
// kills the tokens of role-less and run_as-only users.
func (s *Store) CheckToken(username string, roles []int, nbf int64, runAs bool) (bool, error) {
	db := s.db.WithContext(context.Background())
	user, err := s.userRowByName(db, username)
	if err != nil || user == nil {
		return false, err
	}
	dbRoles, err := userRoleIDs(db, user.ID)
	if err != nil {
		return false, err
	}
	if !user.AllowRunAs && !sameSet(dbRoles, roles) {
		return false, nil
	}
	return s.tokenNotBlacklisted(db, user.ID, dbRoles, nbf, runAs)
}

func (s *Store) tokenNotBlacklisted(db *gorm.DB, userID int, roles []int, nbf int64, runAs bool) (bool, error) {
	var latest *int64
	if err := db.Model(&userBlacklistRow{}).Select("MAX(nbf_invalid_until)").
		Where("user_id = ?", userID).Scan(&latest).Error; err != nil {
		return false, fmt.Errorf("rbac: read user rule: %w", err)
	}
	if latest != nil && nbf <= *latest {
		return false, nil
	}
	if len(roles) > 0 {
		latest = nil
		if err := db.Model(&roleBlacklistRow{}).Select("MAX(nbf_invalid_until)").
			Where("role_id IN ?", roles).Scan(&latest).Error; err != nil {
			return false, fmt.Errorf("rbac: read role rules: %w", err)
		}
		if latest != nil && nbf <= *latest {
			return false, nil
		}
	}
	if runAs {
		latest = nil
		if err := db.Model(&runAsBlacklistRow{}).Select("MAX(nbf_invalid_until)").Scan(&latest).Error; err != nil {
			return false, fmt.Errorf("rbac: read run_as rule: %w", err)
		}
		if latest != nil && nbf <= *latest {
			return false, nil
		}
	}
	return true, nil
}

// sameSet reports whether a and b hold the same ids, ignoring order and
// repetition.
func sameSet(a, b []int) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}
