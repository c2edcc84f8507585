package sdktest

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

var scopeDesc = sdk.Descriptor{Name: "things", Routes: []sdk.Route{{
	ID: "things.list", Method: http.MethodGet, Path: "/things",
	Permissions: []sdk.Permission{{Action: "things:read", Resource: "thing:id:{thing_ids}"}},
}}}

var allThings = []string{"001", "002", "003", "004", "005"}

// listThings serves /things: filter decides which ids a request sees, so
// tests can build compliant and broken modules.
type listThings func(req *sdk.Request, scope sdk.ResourceScope, ids []string) (affected []string, total int, denied []string)

func (l listThings) Handle(_ context.Context, req *sdk.Request) (*sdk.Response, error) {
	scope, _ := req.Scopes.For("things:read", "thing:id")
	ids := allThings
	if v := req.Query.Get("thing_ids"); v != "" {
		ids = strings.Split(v, ",")
	}
	affected, total, denied := l(req, scope, ids)
	out := sdk.NewAffectedItems("all", "some", "none")
	for _, id := range affected {
		out.AddAffected(map[string]string{"id": id})
	}
	out.SetTotal(total)
	for _, id := range denied {
		out.AddDenied("thing:id", id)
	}
	return sdk.OK(req, out)
}

// compliant filters with the scope before paginating (limit 2).
func compliant(req *sdk.Request, scope sdk.ResourceScope, ids []string) ([]string, int, []string) {
	allowed, denied := scope.Partition(ids)
	if req.Query.Get("thing_ids") == "" {
		denied = nil
	}
	return page(req, allowed), len(allowed), denied
}

func page(req *sdk.Request, ids []string) []string {
	if req.Query.Get("limit") == "2" && len(ids) > 2 {
		return ids[:2]
	}
	return ids
}

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}

// run calls AssertScopeRespected on client and returns the failures.
func run(t *testing.T, client Client, opts ...ScopeOption) []string {
	rec := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		scope := sdk.ResourceScope{Action: "things:read", ResourceType: "thing:id", Allow: []string{"002", "004"}}
		AssertScopeRespected(rec, client, scopeDesc, "things.list", scope, opts...)
	}()
	<-done
	return rec.errors
}

func TestAssertScopeRespected(t *testing.T) {
	explicit := WithExplicitIDs("thing_ids", "001", "002")
	cases := []struct {
		name   string
		module listThings
		opts   []ScopeOption
		want   string // substring of the first failure; "" means pass
	}{
		{"compliant", compliant, []ScopeOption{explicit}, ""},
		{"compliant paginated", compliant, []ScopeOption{WithQuery("limit=2")}, ""},
		{"ignores the scope", func(req *sdk.Request, _ sdk.ResourceScope, ids []string) ([]string, int, []string) {
			return ids, len(ids), nil
		}, nil, "which the scope does not permit"},
		{"filters after paginating", func(req *sdk.Request, scope sdk.ResourceScope, ids []string) ([]string, int, []string) {
			allowed, _ := scope.Partition(page(req, ids))
			return allowed, len(ids), nil
		}, nil, "total_affected_items = 5, want 2"},
		{"drops permitted items", func(req *sdk.Request, scope sdk.ResourceScope, ids []string) ([]string, int, []string) {
			allowed, _ := scope.Partition(ids)
			if !scope.All {
				allowed = allowed[:1]
			}
			return allowed, len(allowed), nil
		}, nil, "total_affected_items = 1, want 2"},
		{"reports denied ids when listing", func(req *sdk.Request, scope sdk.ResourceScope, ids []string) ([]string, int, []string) {
			allowed, denied := scope.Partition(ids)
			return allowed, len(allowed), denied
		}, nil, "must be filtered silently"},
		{"hides denied explicit ids", func(req *sdk.Request, scope sdk.ResourceScope, ids []string) ([]string, int, []string) {
			allowed, _ := scope.Partition(ids)
			return allowed, len(allowed), nil
		}, []ScopeOption{explicit}, `did not report denied id "001"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			errs := run(t, c.module, c.opts...)
			switch {
			case c.want == "" && len(errs) > 0:
				t.Fatalf("unexpected failures: %v", errs)
			case c.want != "" && (len(errs) == 0 || !strings.Contains(errs[0], c.want)):
				t.Fatalf("failures %v, want one containing %q", errs, c.want)
			}
		})
	}
}
