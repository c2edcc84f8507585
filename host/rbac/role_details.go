package rbac

import (
	"context"
	"fmt"
)

// RoleDetails returns the given roles, in order, with their policies (by
// position) and security rules expanded: the "roles" of GET
// /security/users/me. Unknown role ids are skipped.
func (s *Store) RoleDetails(ctx context.Context, roleIDs []int) ([]RoleDetail, error) {
	db := s.db.WithContext(ctx)
	out := []RoleDetail{}
	for _, id := range roleIDs {
		row, err := roleRowByID(db, id)
		if err != nil {
			return nil, err
		}
		if row == nil {
			continue
		}
		role, err := roleFromRow(db, row)
		if err != nil {
			return nil, err
		}
		d := RoleDetail{ID: role.ID, Name: role.Name, Policies: []Policy{}, Rules: []Rule{}}
		for _, pid := range role.Policies {
			prow, err := policyRowByID(db, pid)
			if err != nil {
				return nil, err
			}
			if prow == nil {
				continue
			}
			p, err := policyFromRow(db, prow)
			if err != nil {
				return nil, err
			}
			d.Policies = append(d.Policies, *p)
		}
		for _, rid := range role.Rules {
			rrow, err := ruleRowByID(db, rid)
			if err != nil {
				return nil, err
			}
			if rrow == nil {
				continue
			}
			r, err := ruleFromRow(db, rrow)
			if err != nil {
				return nil, fmt.Errorf("rbac: rule %d: %w", rid, err)
			}
			d.Rules = append(d.Rules, *r)
		}
		out = append(out, d)
	}
	return out, nil
}
