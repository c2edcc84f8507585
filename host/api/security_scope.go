package api

import (
	"context"
	"strconv"

	"github.com/wazuh-go/server/host/rbac"
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

// idsOp is an operation on the resources of a route's *_ids parameter (a
// delete, or a relationship change on the linked resources), as serveIDs
// runs it.
type idsOp[T any] struct {
	// perm is the route permission whose scope selects the ids.
	perm int
	// existing lists every id of the resource type, for "all".
	existing func(context.Context) ([]int, error)
	// resource is the RBAC resource type of the ids, e.g. "role:id".
	resource string
	// run performs the operation on the selected ids.
	run func(ids []int) (rbac.Result[T], error)
	// expected are the failures Wazuh drops when the caller asked for all.
	expected []int
	// msgs are the all, some and none messages.
	msgs [3]string
}

// serveIDs runs op on its targets and builds the response: with "all" the
// expected failures are dropped, otherwise the denied ids are added as
// 4000 failed items.
func serveIDs[T any](c *secCall, op idsOp[T]) (any, error) {
	ids, denied, err := c.targets(op.perm, op.existing)
	if err != nil {
		return nil, err
	}
	res, err := op.run(ids)
	if err != nil {
		return nil, err
	}
	if c.all {
		res = res.Without(op.expected...)
	}
	out := envelope(res, op.msgs[0], op.msgs[1], op.msgs[2])
	addDenied(out, op.resource, denied)
	return out, nil
}
