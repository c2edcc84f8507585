package sdk

import (
	"slices"
	"strings"
)

// ResourceScope is the host's verdict for one (action, resource type) pair of
// a request: which resources of that type the caller may act on. The host
// computes it from the caller's RBAC policies (white or black mode, position
// order, wildcards, agent:group already expanded into agent:id) before the
// module runs, so a module never evaluates policy itself.
//
// The set of permitted ids is: (All ? every id : Allow) minus Deny.
type ResourceScope struct {
	// Action is the RBAC action, e.g. "agent:read".
	Action string
	// ResourceType is the resource type, e.g. "agent:id" or "*:*" for
	// resourceless actions.
	ResourceType string
	// All is true when every resource of the type is permitted except Deny.
	All bool
	// Allow lists the permitted ids when All is false.
	Allow []string
	// Deny lists ids that are never permitted, even when All is true.
	Deny []string
}

// Permits reports whether id is in the scope.
func (s ResourceScope) Permits(id string) bool {
	if slices.Contains(s.Deny, id) {
		return false
	}
	return s.All || slices.Contains(s.Allow, id)
}

// Partition splits ids into those the scope permits and those it denies,
// keeping their order.
func (s ResourceScope) Partition(ids []string) (allowed, denied []string) {
	for _, id := range ids {
		if s.Permits(id) {
			allowed = append(allowed, id)
		} else {
			denied = append(denied, id)
		}
	}
	return allowed, denied
}

// Empty reports whether the scope permits nothing at all.
func (s ResourceScope) Empty() bool {
	if s.All {
		return false
	}
	for _, a := range s.Allow {
		if !slices.Contains(s.Deny, a) {
			return false
		}
	}
	return true
}

// SQLFilter returns a parameterized SQL condition restricting column to the
// scope, and its arguments. It returns ("", nil) when the scope permits
// everything, and "0" (false) when it permits nothing. Apply it in the WHERE
// clause before OFFSET/LIMIT so that totals count only visible rows.
func (s ResourceScope) SQLFilter(column string) (string, []any) {
	var conds []string
	var args []any
	if !s.All {
		if len(s.Allow) == 0 {
			return "0", nil
		}
		conds = append(conds, column+" IN ("+placeholders(len(s.Allow))+")")
		for _, a := range s.Allow {
			args = append(args, a)
		}
	}
	if len(s.Deny) > 0 {
		conds = append(conds, column+" NOT IN ("+placeholders(len(s.Deny))+")")
		for _, d := range s.Deny {
			args = append(args, d)
		}
	}
	return strings.Join(conds, " AND "), args
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// Scopes is the set of ResourceScopes the host computed for one request, one
// per (action, resource type) of the route's permissions.
type Scopes []ResourceScope

// For returns the scope for action and resourceType. ok is false when the
// route did not declare that permission; modules must then treat the
// resource as denied (fail closed).
func (ss Scopes) For(action, resourceType string) (ResourceScope, bool) {
	for _, s := range ss {
		if s.Action == action && s.ResourceType == resourceType {
			return s, true
		}
	}
	return ResourceScope{Action: action, ResourceType: resourceType}, false
}
