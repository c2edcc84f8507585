package rbac

import (
	"context"
	"fmt"
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// GroupResolver returns the ids of the agents currently in group ("*" means
// every agent that belongs to some group). The host implements it with
// wazuh-db; it is called during evaluation, so moving an agent out of a
// group revokes access without a new token.
type GroupResolver func(ctx context.Context, group string) ([]string, error)

// Evaluate checks requirements as Wazuh's stacked @expose_resources
// decorators do (security.md §4.2) and returns one sdk.ResourceScope per
// requirement, in order. The first requirement that is denied outright
// stops evaluation with error 4000 "Permission denied: Resource type: <type>"
// (HTTP 403): a resourceless action that is not allowed, or explicit ids of
// which none is allowed. A listing requirement is never denied; its scope
// may permit nothing. resolve may be nil when no policy uses agent:group.
func (p *Permissions) Evaluate(ctx context.Context, resolve GroupResolver, reqs ...Requirement) (sdk.Scopes, error) {
	groups := groupMemo{resolve: resolve, cache: map[string][]string{}}
	scopes := make(sdk.Scopes, 0, len(reqs))
	for _, req := range reqs {
		req = req.normalized()
		set, err := p.evaluate(ctx, &groups, req)
		if err != nil {
			return nil, err
		}
		if denied(set, req) {
			return nil, wazuhError(CodePermissionDenied, "Resource type: "+req.ResourceType)
		}
		scope := sdk.ResourceScope{Action: req.Action, ResourceType: req.ResourceType, All: set.all}
		if set.all {
			scope.Deny = set.deny.list()
		} else {
			scope.Allow = set.allow.list()
		}
		scopes = append(scopes, scope)
	}
	return scopes, nil
}

// Allows reports whether action is permitted on one concrete resource, such
// as "user:id:5", "agent:id:001" or "*:*:*".
func (p *Permissions) Allows(ctx context.Context, resolve GroupResolver, action, resource string) (bool, error) {
	rtype, value := ParseResource(resource)
	req := Requirement{Action: action, ResourceType: rtype, IDs: []string{value}}
	groups := groupMemo{resolve: resolve, cache: map[string][]string{}}
	set, err := p.evaluate(ctx, &groups, req.normalized())
	if err != nil {
		return false, err
	}
	return set.permits(value), nil
}

// denied reports the 403 cases: resourceless not allowed, or explicit ids
// none of which is allowed.
func denied(set scopeSet, req Requirement) bool {
	if req.ResourceType == ResourcelessType {
		return !set.permits("*")
	}
	if req.listing() {
		return false
	}
	for _, id := range req.IDs {
		if set.permits(id) {
			return false
		}
	}
	return true
}

// evaluate folds the user's resources for the action, in order, into the
// set of permitted ids of the requirement's type.
func (p *Permissions) evaluate(ctx context.Context, groups *groupMemo, req Requirement) (scopeSet, error) {
	var set scopeSet
	if p.Mode == ModeBlack {
		set.all = true
	}
	combined := strings.Contains(req.ResourceType, "&")
	entries := p.m.byAction[req.Action]
	if !combined {
		entries = entries[lastWildcard(entries, req.ResourceType):]
	}
	for _, e := range entries {
		allow := e.Effect == EffectAllow
		if combined || strings.Contains(e.Resource, "&") {
			applyCombined(&set, req, e.Resource, allow)
			continue
		}
		utype, uval := ParseResource(e.Resource)
		switch {
		case utype == req.ResourceType && uval == "*":
			set.setAll(allow)
		case utype == req.ResourceType:
			set.apply(allow, []string{uval})
		case req.ResourceType == "agent:id" && utype == "agent:group":
			if set.noop(allow) {
				continue
			}
			ids, err := groups.get(ctx, uval)
			if err != nil {
				return scopeSet{}, err
			}
			set.apply(allow, ids)
		}
	}
	return set, nil
}

// lastWildcard returns the index of the last "<type>:*" entry: it resets
// the set (setAll), so every earlier entry is overridden and need not be
// evaluated — in particular no agent:group needs resolving through wazuh-db
// when a later agent:id:* decides everything (the default administrator).
func lastWildcard(entries []ResourceEffect, resourceType string) int {
	for i := len(entries) - 1; i >= 0; i-- {
		if strings.Contains(entries[i].Resource, "&") {
			continue
		}
		if t, v := ParseResource(entries[i].Resource); t == resourceType && v == "*" {
			return i
		}
	}
	return 0
}

// applyCombined applies a user resource to a combined requirement: the
// resource must have as many "&" parts as the requirement's type, with the
// same types in the same order; each value matches when equal or "*".
func applyCombined(set *scopeSet, req Requirement, resource string, allow bool) {
	utype, uval := ParseResource(resource)
	if utype != req.ResourceType {
		return
	}
	values := strings.Split(uval, "&")
	allWild := true
	for _, v := range values {
		allWild = allWild && v == "*"
	}
	if allWild {
		set.setAll(allow)
		return
	}
	if req.listing() {
		if !strings.Contains(uval, "*") {
			set.apply(allow, []string{uval})
		}
		return
	}
	for _, id := range req.IDs {
		if combinedMatch(values, strings.Split(id, "&")) {
			set.apply(allow, []string{id})
		}
	}
}

func combinedMatch(user, requested []string) bool {
	if len(user) != len(requested) {
		return false
	}
	for i := range user {
		if user[i] != "*" && user[i] != requested[i] {
			return false
		}
	}
	return true
}

// groupMemo resolves each agent group once per evaluation.
type groupMemo struct {
	resolve GroupResolver
	cache   map[string][]string
}

func (g *groupMemo) get(ctx context.Context, group string) ([]string, error) {
	if ids, ok := g.cache[group]; ok {
		return ids, nil
	}
	if g.resolve == nil {
		return nil, fmt.Errorf("rbac: policy uses agent:group:%s but no group resolver was given", group)
	}
	ids, err := g.resolve(ctx, group)
	if err != nil {
		return nil, fmt.Errorf("rbac: resolve agent group %q: %w", group, err)
	}
	g.cache[group] = ids
	return ids, nil
}
