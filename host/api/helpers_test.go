package api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/sdk"
)

type fakeUsers struct{}

func (fakeUsers) Authenticate(_ context.Context, user, pass string) (int64, []int64, error) {
	if user == "wazuh" && pass == "Secr3t.Pass" {
		return 1, []int64{1}, nil
	}
	return 0, nil, errors.New("bad credentials")
}

func (fakeUsers) CheckToken(c *auth.Claims) (int64, error) {
	if c.Subject != "wazuh" {
		return 0, auth.ErrInvalidToken
	}
	return 1, nil
}

func (fakeUsers) Generation() uint64 { return 1 }

func (fakeUsers) Authorize(context.Context, *auth.Identity, []sdk.Permission, map[string]string, url.Values) (sdk.Scopes, *sdk.Error) {
	return nil, nil
}

// echoTarget answers with the request body and query it received.
type echoTarget struct{}

func (echoTarget) Handle(_ context.Context, req *sdk.Request) (*sdk.Response, error) {
	if req.Query.Get("fail") == "1701" {
		return nil, &sdk.Error{Code: 1701, HTTPStatus: 404, Message: "Agent does not exist", Remediation: "Please, use `GET /agents?select=id,name` to find all available agents"}
	}
	return sdk.OK(req, sdk.WazuhResult{Data: map[string]any{"q": req.Query.Get("q"), "body": string(req.Body), "user": req.Caller.Username}})
}

func (echoTarget) HandleStream(context.Context, *sdk.Request, func(int, http.Header), io.Writer) error {
	return errors.New("not streaming")
}

type testServer struct {
	*Server
	keys *auth.Keys
}

func newTestServer(t *testing.T, mutate func(*Options)) *testServer {
	t.Helper()
	keys, err := auth.NewKeys(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sec := func() (int64, string) { return 900, "white" }
	opts := Options{
		Logger: hclog.NewNullLogger(), Keys: keys, Verifier: auth.NewVerifier(keys, fakeUsers{}, sec), Users: fakeUsers{},
		Authz: fakeUsers{}, Security: sec, MaxUploadSize: 1024, RequestTimeout: 5 * time.Second,
		MaxLoginAttempts: 50, BlockTime: 300 * time.Second, NodeName: "node01", Hostname: "testhost",
	}
	if mutate != nil {
		mutate(&opts)
	}
	s := New(opts)
	s.Mount([]ModuleRoutes{{Target: echoTarget{}, Routes: []sdk.Route{
		{ID: "test.get", Method: http.MethodGet, Path: "/test/{id}", QueryParams: []string{"q", "fail"}},
		{ID: "test.put", Method: http.MethodPut, Path: "/test/{id}"},
	}}})
	return &testServer{Server: s, keys: keys}
}

func (s *testServer) request(method, path, token, contentType, body string) *httptest.ResponseRecorder {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

func (s *testServer) token(t *testing.T) string {
	t.Helper()
	now := time.Now().Unix()
	tok, err := auth.Sign(s.keys.Current(), &auth.Claims{Issuer: auth.Issuer, Audience: auth.Audience, NotBefore: now, ExpiresAt: now + 900, Subject: "wazuh", RBACRoles: []int64{1}, RBACMode: "white"})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func expectProblem(t *testing.T, rec *httptest.ResponseRecorder, status int, body string) {
	t.Helper()
	if rec.Code != status || rec.Body.String() != body {
		t.Fatalf("got %d %s\nwant %d %s", rec.Code, rec.Body.String(), status, body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json; charset=utf-8" {
		t.Fatalf("content-type %q", ct)
	}
	if rec.Header().Get("Server") != "Wazuh" || rec.Header().Get("Content-Security-Policy") != "none" {
		t.Fatalf("security headers missing: %v", rec.Header())
	}
}

func newRawRequest(method, path, authorization string) *http.Request {
	req := httptest.NewRequest(method, path, nil)
	req.Header.Set("Authorization", authorization)
	return req
}

func (s *testServer) serve(req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}
