package sdktest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

// ScopeOption adjusts AssertScopeRespected.
type ScopeOption func(*scopeCheck)

type scopeCheck struct {
	rawQuery   string
	pathParams map[string]string
	idField    string
	idsParam   string
	ids        []string
}

// WithQuery sets the raw query string of every request (e.g. "limit=100000"
// so the unrestricted listing fits one page).
func WithQuery(rawQuery string) ScopeOption {
	return func(c *scopeCheck) { c.rawQuery = rawQuery }
}

// WithPathParams sets the route's path parameters.
func WithPathParams(p map[string]string) ScopeOption {
	return func(c *scopeCheck) { c.pathParams = p }
}

// WithIDField names the item field holding the resource id (default "id").
func WithIDField(field string) ScopeOption {
	return func(c *scopeCheck) { c.idField = field }
}

// WithExplicitIDs adds a request naming ids in param (e.g. "agents_list"):
// the ids the scope denies must come back as failed_items with code 4000
// and never as affected items.
func WithExplicitIDs(param string, ids ...string) ScopeOption {
	return func(c *scopeCheck) { c.idsParam, c.ids = param, ids }
}

// AssertScopeRespected is the conformance check every module's list routes
// must pass (the host guarantees action-level denial; resource filtering is
// the module's job). It calls routeID once with scopes permitting
// everything and once with scope replacing the route's permission of the
// same action and resource type, and checks that:
//
//   - every returned id is permitted by scope and nothing is reported as
//     failed (a listing silently drops what the caller may not see);
//   - total_affected_items counts only permitted resources, so the module
//     filtered before paginating; when the unrestricted listing fits in one
//     page, the restricted one must be exactly its permitted part;
//   - with WithExplicitIDs, denied ids are failed items with code 4000.
func AssertScopeRespected(t testing.TB, client Client, desc sdk.Descriptor, routeID string, scope sdk.ResourceScope, opts ...ScopeOption) {
	t.Helper()
	c := scopeCheck{idField: "id"}
	for _, o := range opts {
		o(&c)
	}
	base := c.call(t, client, desc, routeID, c.rawQuery, nil)
	restricted := c.call(t, client, desc, routeID, c.rawQuery, &scope)
	for _, id := range restricted.ids {
		if !scope.Permits(id) {
			t.Errorf("sdktest: %s returned %s=%q, which the scope does not permit", routeID, c.idField, id)
		}
	}
	if len(restricted.failed) > 0 {
		t.Errorf("sdktest: %s listing reported failed items %v; denied resources must be filtered silently", routeID, restricted.failed)
	}
	var want []string
	for _, id := range base.ids {
		if scope.Permits(id) {
			want = append(want, id)
		}
	}
	switch {
	case len(base.ids) == base.total:
		if restricted.total != len(want) {
			t.Errorf("sdktest: %s total_affected_items = %d, want %d (the permitted part of %d)", routeID, restricted.total, len(want), base.total)
		}
		got := slices.Clone(restricted.ids)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("sdktest: %s returned %v, want the permitted %v", routeID, got, want)
		}
	case restricted.total > base.total || restricted.total < len(restricted.ids):
		t.Errorf("sdktest: %s total_affected_items = %d with %d items (unrestricted total %d): totals must count permitted resources before pagination",
			routeID, restricted.total, len(restricted.ids), base.total)
	}
	if c.idsParam != "" {
		c.checkExplicit(t, client, desc, routeID, scope)
	}
}

// checkExplicit requests explicit ids under scope.
func (c scopeCheck) checkExplicit(t testing.TB, client Client, desc sdk.Descriptor, routeID string, scope sdk.ResourceScope) {
	t.Helper()
	allowed, denied := scope.Partition(c.ids)
	if len(allowed) == 0 {
		t.Errorf("sdktest: WithExplicitIDs needs at least one id the scope permits (the host answers 403 otherwise)")
		return
	}
	q := c.idsParam + "=" + strings.Join(c.ids, ",")
	if c.rawQuery != "" {
		q = c.rawQuery + "&" + q
	}
	got := c.call(t, client, desc, routeID, q, &scope)
	for _, id := range got.ids {
		if slices.Contains(denied, id) {
			t.Errorf("sdktest: %s returned denied id %q", routeID, id)
		}
	}
	for _, id := range denied {
		if !slices.Contains(got.failed[4000], id) {
			t.Errorf("sdktest: %s did not report denied id %q as a failed item with code 4000 (failed: %v)", routeID, id, got.failed)
		}
	}
}

// listing is the part of an AffectedItemsWazuhResult the check reads.
type listing struct {
	ids    []string
	total  int
	failed map[int][]string
}

// call sends one request; a nil scope permits everything.
func (c scopeCheck) call(t testing.TB, client Client, desc sdk.Descriptor, routeID, rawQuery string, scope *sdk.ResourceScope) listing {
	t.Helper()
	req := NewRequest(desc, routeID, rawQuery, c.pathParams)
	if scope != nil {
		found := false
		for i, s := range req.Scopes {
			if s.Action == scope.Action && s.ResourceType == scope.ResourceType {
				req.Scopes[i], found = *scope, true
			}
		}
		if !found {
			t.Fatalf("sdktest: route %s declares no permission %s on %s", routeID, scope.Action, scope.ResourceType)
		}
	}
	resp, err := client.Handle(context.Background(), req)
	if err != nil {
		t.Fatalf("sdktest: %s: %v", routeID, err)
	}
	var body struct {
		Data struct {
			Items  []map[string]any `json:"affected_items"`
			Total  int              `json:"total_affected_items"`
			Failed []struct {
				Error struct {
					Code int `json:"code"`
				} `json:"error"`
				ID []any `json:"id"`
			} `json:"failed_items"`
		} `json:"data"`
	}
	if err := json.Unmarshal(resp.Body, &body); err != nil {
		t.Fatalf("sdktest: %s: response is not an affected-items result: %v", routeID, err)
	}
	out := listing{total: body.Data.Total, failed: map[int][]string{}}
	for _, it := range body.Data.Items {
		v, ok := it[c.idField]
		if !ok {
			t.Fatalf("sdktest: %s: item without %q (select it, or use WithIDField): %v", routeID, c.idField, it)
		}
		out.ids = append(out.ids, idString(v))
	}
	for _, f := range body.Data.Failed {
		for _, id := range f.ID {
			out.failed[f.Error.Code] = append(out.failed[f.Error.Code], idString(id))
		}
	}
	return out
}

// idString renders an id as RBAC resources name it ("001", "5").
func idString(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}
