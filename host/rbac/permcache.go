package rbac

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// maxCachedRoleSets bounds the processed-policy cache.
const maxCachedRoleSets = 4096

// permCache holds processed policy maps per ordered role list for one
// generation of the store; any change to the store empties it.
type permCache struct {
	mu      sync.Mutex
	gen     uint64
	entries map[string]*policyMap
}

func newPermCache() *permCache {
	return &permCache{entries: map[string]*policyMap{}}
}

func (c *permCache) get(gen uint64, key string) (*policyMap, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return nil, false
	}
	m, ok := c.entries[key]
	return m, ok
}

func (c *permCache) put(gen uint64, key string, m *policyMap) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case gen < c.gen:
		return // computed from data that has changed since
	case gen > c.gen || len(c.entries) >= maxCachedRoleSets:
		c.gen = gen
		c.entries = map[string]*policyMap{}
	}
	c.entries[key] = m
}

func roleKey(roles []int) string {
	var b strings.Builder
	for i, r := range roles {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(r))
	}
	return b.String()
}

// Permissions returns the processed permission map of roles in the given
// order (a token's rbac_roles) under mode, as Wazuh recomputes it on every
// request. Roles that no longer exist contribute nothing. Results are
// cached per role list until the next change to the store.
func (s *Store) Permissions(ctx context.Context, roles []int, mode Mode) (*Permissions, error) {
	gen := s.Generation()
	key := roleKey(roles)
	if m, ok := s.perms.get(gen, key); ok {
		return &Permissions{Mode: mode, m: m}, nil
	}
	bodies, err := s.policyBodies(ctx, roles)
	if err != nil {
		return nil, err
	}
	p, err := ProcessPolicies(mode, bodies)
	if err != nil {
		return nil, err
	}
	s.perms.put(gen, key, p.m)
	return p, nil
}

// policyBodies returns the stored policies of roles: roles in order, each
// role's policies by level.
func (s *Store) policyBodies(ctx context.Context, roles []int) ([]string, error) {
	db := s.db.WithContext(ctx)
	var bodies []string
	for _, role := range roles {
		var rows []string
		err := db.Table("roles_policies").
			Select("policies.policy").
			Joins("JOIN policies ON policies.id = roles_policies.policy_id").
			Where("roles_policies.role_id = ?", role).
			Order("roles_policies.level, roles_policies.id").
			Scan(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("rbac: policies of role %d: %w", role, err)
		}
		bodies = append(bodies, rows...)
	}
	return bodies, nil
}
