package api

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// call sends a request; a non-empty body is sent as application/json.
func (e *secEnv) call(method, path, token, body string) *httptest.ResponseRecorder {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec
}

// loginAs authenticates with Basic credentials and returns the response.
func (e *secEnv) loginAs(user, pass, path, body string) *httptest.ResponseRecorder {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(http.MethodPost, path, rd)
	req.SetBasicAuth(user, pass)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec
}

// token logs user in and returns the token.
func (e *secEnv) token(user, pass string) string {
	e.t.Helper()
	rec := e.loginAs(user, pass, "/security/user/authenticate", "")
	if rec.Code != http.StatusOK {
		e.t.Fatalf("login %s: %d %s", user, rec.Code, rec.Body)
	}
	var out struct {
		Data struct {
			Token string `json:"token"`
		} `json:"data"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		e.t.Fatal(err)
	}
	return out.Data.Token
}

// admin returns a token of the default administrator.
func (e *secEnv) admin() string { return e.token("wazuh", "wazuh") }

// user creates a user with roles (and a policy-free password) directly in
// the store, moves the clock past the invalidation the links wrote, and
// returns its id and a fresh token.
func (e *secEnv) user(name string, roles ...int) (int, string) {
	e.t.Helper()
	ctx := context.Background()
	res, err := e.store.CreateUser(ctx, name, "Passw0rd!")
	if err != nil || len(res.Items) != 1 {
		e.t.Fatalf("create %s: %v %+v", name, err, res)
	}
	id := res.Items[0].ID
	if len(roles) > 0 {
		if _, err := e.store.AddUserRoles(ctx, id, roles, nil); err != nil {
			e.t.Fatal(err)
		}
	}
	e.clock.Advance(time.Second)
	return id, e.token(name, "Passw0rd!")
}

// role creates a role holding a new policy with the given body and returns
// the role id.
func (e *secEnv) role(name string, policies ...string) int {
	e.t.Helper()
	ctx := context.Background()
	res, err := e.store.CreateRole(ctx, name)
	if err != nil || len(res.Items) != 1 {
		e.t.Fatalf("create role %s: %v %+v", name, err, res)
	}
	id := res.Items[0].ID
	for i, body := range policies {
		pres, err := e.store.CreatePolicy(ctx, name+"_p"+string(rune('a'+i)), []byte(body))
		if err != nil || len(pres.Items) != 1 {
			e.t.Fatalf("create policy %s: %v %+v", body, err, pres)
		}
		if _, err := e.store.AddRolePolicies(ctx, id, []int{pres.Items[0].ID}, nil); err != nil {
			e.t.Fatal(err)
		}
	}
	e.clock.Advance(time.Second)
	return id
}

// expect checks status and exact body.
func expect(t *testing.T, rec *httptest.ResponseRecorder, status int, body string) {
	t.Helper()
	if rec.Code != status || rec.Body.String() != body {
		t.Fatalf("got %d %s\nwant %d %s", rec.Code, rec.Body.String(), status, body)
	}
}

// expectStatus checks the status and that the body contains every part.
func expectStatus(t *testing.T, rec *httptest.ResponseRecorder, status int, parts ...string) {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("got %d %s, want %d", rec.Code, rec.Body.String(), status)
	}
	for _, p := range parts {
		if !strings.Contains(rec.Body.String(), p) {
			t.Fatalf("body %s lacks %s", rec.Body.String(), p)
		}
	}
}

// syncBuffer is a concurrency-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

// httpReq builds a request; a non-empty body is sent as application/json.
func httpReq(method, path, body string) *http.Request {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

// serveReq serves a prepared request.
func (e *secEnv) serveReq(req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec
}

// createRule adds a security rule through the API and returns its id.
func createRule(t *testing.T, e *secEnv, token, name, rule string) int {
	t.Helper()
	rec := e.call(http.MethodPost, "/security/rules", token, `{"name": "`+name+`", "rule": `+rule+`}`)
	var out struct {
		Data struct {
			Items []struct {
				ID int `json:"id"`
			} `json:"affected_items"`
		} `json:"data"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || len(out.Data.Items) != 1 {
		t.Fatalf("create rule: %d %s", rec.Code, rec.Body)
	}
	return out.Data.Items[0].ID
}

// runAsToken logs in through authenticate/run_as with an auth context.
func runAsToken(t *testing.T, e *secEnv, user, pass, context string) string {
	t.Helper()
	rec := e.loginAs(user, pass, "/security/user/authenticate/run_as", context)
	if rec.Code != http.StatusOK {
		t.Fatalf("run_as login: %d %s", rec.Code, rec.Body)
	}
	var out struct {
		Data struct {
			Token string `json:"token"`
		} `json:"data"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	return out.Data.Token
}

// claimsOf decodes a token's payload without verifying it.
func claimsOf(t *testing.T, token string) map[string]any {
	t.Helper()
	parts := strings.Split(token, ".")
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(payload, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
