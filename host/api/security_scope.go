package api

import (
	"context"
	"strconv"
)

// targets resolves the ids an operation acts on from the route's *_ids
// parameter and the RBAC scope of permission i, as expose_resources does:
// with "all", every existing resource (listed by all) the scope permits;
// otherwise the requested ids the scope permits, the others being returned
// as denied (reported as 4000 failed items). The result is never nil, so
// the store never reads it as "every resource".
func (c *secCall) targets(i int, all func(context.Context) ([]int, error)) (ids []int, denied []string, err error) {
	scope := c.scopes[i]
	if c.all {
		existing, err := all(c.ctx)
		if err != nil {
			return nil, nil, err
		}
		ids = []int{}
		for _, id := range existing {
			if scope.Permits(strconv.Itoa(id)) {
				ids = append(ids, id)
			}
		}
		return ids, nil, nil
	}
	allowed, denied := scope.Partition(c.ids)
	return nonNil(intIDs(allowed)), denied, nil
}
