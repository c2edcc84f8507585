package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/sdk"
)

func TestIsWazuhAction(t *testing.T) {
	for _, a := range []string{"manager:update_config", "cluster:update_config", "agent:read", "event:ingest"} {
		if !IsWazuhAction(a) {
			t.Errorf("%s", a)
		}
	}
	for _, a := range []string{"", "manager:update", "example:read", "*:*"} {
		if IsWazuhAction(a) {
			t.Errorf("%s", a)
		}
	}
}

// allowAuthz is fakeUsers' Authorizer that is also an AllowEvaluator.
type allowAuthz struct {
	fakeUsers
	calls atomic.Int32
	fail  bool
}

func (a *allowAuthz) AllowedActions(_ context.Context, id *auth.Identity, actions []string) (map[string]bool, *sdk.Error) {
	a.calls.Add(1)
	if a.fail {
		e := sdk.NewError(1000, "rbac.db is gone")
		e.HTTPStatus = http.StatusInternalServerError
		return nil, e
	}
	out := map[string]bool{}
	for _, act := range actions {
		out[act] = id.Claims.Subject == "wazuh" && act == "cluster:update_config"
	}
	return out, nil
}

// allowsTarget answers with the Allows it received.
type allowsTarget struct{}

func (allowsTarget) Handle(_ context.Context, req *sdk.Request) (*sdk.Response, error) {
	keys := make([]string, 0, len(req.Allows))
	for k, v := range req.Allows {
		keys = append(keys, fmt.Sprintf("%s=%v", k, v))
	}
	slices.Sort(keys)
	return &sdk.Response{Body: []byte(strings.Join(keys, ",") + fmt.Sprintf(" reveal=%v", req.MayRevealSecrets()))}, nil
}

func (allowsTarget) HandleStream(context.Context, *sdk.Request, func(int, http.Header), io.Writer) error {
	return io.EOF
}

func newAllowsServer(t *testing.T, authz Authorizer) *testServer {
	s := newTestServer(t, func(o *Options) { o.Authz = authz })
	s.Mount([]ModuleRoutes{{Target: allowsTarget{}, Routes: []sdk.Route{
		{ID: "cfg.get", Method: http.MethodGet, Path: "/cfg", AllowChecks: sdk.RevealSecretsChecks()},
		{ID: "cfg.plain", Method: http.MethodGet, Path: "/plain"},
	}}})
	return s
}

// The host evaluates a route's AllowChecks for the caller, and only for
// routes that declare them.
func TestProxyEvaluatesAllowChecks(t *testing.T) {
	authz := &allowAuthz{}
	s := newAllowsServer(t, authz)
	tok := s.token(t)
	if rec := s.request(http.MethodGet, "/cfg", tok, "", ""); rec.Code != 200 ||
		rec.Body.String() != "cluster:update_config=true,manager:update_config=false reveal=true" {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	if rec := s.request(http.MethodGet, "/plain", tok, "", ""); rec.Code != 200 || rec.Body.String() != " reveal=false" {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	if n := authz.calls.Load(); n != 1 {
		t.Fatalf("AllowedActions called %d times, want 1", n)
	}
}

// A failure to read the policies is Wazuh's 500 (1000), never a silent
// reveal; an Authorizer that cannot evaluate AllowChecks reveals nothing.
func TestProxyAllowChecksFailClosed(t *testing.T) {
	s := newAllowsServer(t, &allowAuthz{fail: true})
	rec := s.request(http.MethodGet, "/cfg", s.token(t), "", "")
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), `"error": 1000`) {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	s = newAllowsServer(t, fakeUsers{})
	if rec := s.request(http.MethodGet, "/cfg", s.token(t), "", ""); rec.Code != 200 || rec.Body.String() != " reveal=false" {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
}
