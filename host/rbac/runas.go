package rbac

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"

	"golang.org/x/crypto/blake2b"

	"github.com/wazuh-go/server/host/rbac/authcontext"
	"github.com/wazuh-go/server/sdk/pyjson"
)

// RunAsRoles returns the roles of a run_as login (POST
// /security/user/authenticate/run_as, security.md §2.5): every role, by id,
// that has at least one rule matching the authorization context. The user's
// own role links are ignored. Default rules (id ≤ 99) are evaluated only for
// wazuh-wui (id 2). A role whose rule evaluation exceeds the depth limits is
// not granted. A user without allow_run_as gets error 6004 (HTTP 403); a
// context over 8192 bytes gets authcontext.ErrContextTooLarge.
func (s *Store) RunAsRoles(ctx context.Context, user *User, authContext []byte) ([]int, error) {
	if user == nil || !user.AllowRunAs {
		return nil, wazuhError(CodeRunAsDisabled)
	}
	c, err := authcontext.ParseContext(authContext)
	if err != nil {
		return nil, fmt.Errorf("rbac: run_as context: %w", err)
	}
	var links []struct {
		RoleID int
		RuleID int
		Rule   string
	}
	err = s.db.WithContext(ctx).Table("roles_rules").
		Select("roles_rules.role_id AS role_id, rules.id AS rule_id, rules.rule AS rule").
		Joins("JOIN rules ON rules.id = roles_rules.rule_id").
		Joins("JOIN roles ON roles.id = roles_rules.role_id").
		Order("roles_rules.role_id, rules.id").
		Scan(&links).Error
	if err != nil {
		return nil, fmt.Errorf("rbac: read run_as rules: %w", err)
	}
	roles := []int{}
	settled := map[int]bool{} // granted, or refused after a depth error
	for _, l := range links {
		if settled[l.RoleID] || (l.RuleID <= MaxReservedID && user.ID != WazuhWUIUserID) {
			continue
		}
		rule, err := s.rulesCache.get(l.Rule)
		if err != nil {
			s.opts.Logger.Warn("run_as rule is not a JSON object; ignored", "rule_id", l.RuleID, "error", err)
			continue
		}
		ok, err := rule.Match(c)
		if errors.Is(err, authcontext.ErrDepthExceeded) {
			s.opts.Logger.Warn("run_as rule exceeded the maximum depth; role not granted",
				"rule_id", l.RuleID, "role_id", l.RoleID, "user", user.Username)
			settled[l.RoleID] = true
			continue
		}
		if ok {
			roles = append(roles, l.RoleID)
			settled[l.RoleID] = true
		}
	}
	return roles, nil
}

// HashAuthContext returns the hash_auth_context claim of a run_as token:
// blake2b (16-byte digest) of Python's json.dumps of the context, in hex.
func HashAuthContext(authContext []byte) (string, error) {
	v, err := pyjson.Decode(authContext)
	if err != nil {
		return "", fmt.Errorf("rbac: hash auth context: %w", err)
	}
	h, err := blake2b.New(16, nil)
	if err != nil {
		return "", fmt.Errorf("rbac: blake2b: %w", err)
	}
	h.Write(pyjson.Encode(v))
	return hex.EncodeToString(h.Sum(nil)), nil
}
