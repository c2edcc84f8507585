package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/api"
	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/host/rbac"
)

// TestBridgeServesSecurityRoutes wires the real rbacBridge (credentials,
// token checks and the Authorizer) into the HTTP layer as New does, and
// checks that host routes are authorized through it like module routes.
func TestBridgeServesSecurityRoutes(t *testing.T) {
	dir := t.TempDir()
	sec, err := auth.LoadSettings(filepath.Join(dir, "security.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().Add(-time.Hour)
	store, err := rbac.Open(filepath.Join(dir, "rbac.db"), rbac.Options{ScryptN: 16, Now: func() time.Time { return start }})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	keys, err := auth.NewKeys(dir)
	if err != nil {
		t.Fatal(err)
	}
	b := &rbacBridge{store: store}
	srv := api.New(api.Options{Logger: hclog.NewNullLogger(), Keys: keys, Verifier: auth.NewVerifier(keys, b, sec.Current),
		Users: b, Authz: b, RBAC: store, Settings: sec, Security: sec.Current, NodeName: "node01"})
	ctx := context.Background()
	res, err := store.CreateUser(ctx, "linker", "Passw0rd!")
	if err != nil {
		t.Fatal(err)
	}
	role, _ := store.CreateRole(ctx, "users_only")
	pol, _ := store.CreatePolicy(ctx, "upd_users", []byte(`{"actions":["security:update","security:delete"],"resources":["user:id:*"],"effect":"allow"}`))
	if _, err := store.AddRolePolicies(ctx, role.Items[0].ID, []int{pol.Items[0].ID}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddUserRoles(ctx, res.Items[0].ID, []int{role.Items[0].ID}, nil); err != nil {
		t.Fatal(err)
	}
	do := func(method, path, user, pass, token string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		} else {
			req.SetBasicAuth(user, pass)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		return rec
	}
	login := do(http.MethodPost, "/security/user/authenticate?raw=true", "linker", "Passw0rd!", "")
	if login.Code != 200 {
		t.Fatalf("login: %d %s", login.Code, login.Body)
	}
	tok := login.Body.String()
	if rec := do(http.MethodPost, "/security/users/1/roles?role_ids=2", "", "", tok); rec.Code != 403 ||
		!strings.Contains(rec.Body.String(), `"detail": "Permission denied: Resource type: role:id"`) {
		t.Fatalf("relationship without role:id: %d %s", rec.Code, rec.Body)
	}
	if rec := do(http.MethodDelete, "/security/users?user_ids=all", "", "", tok); rec.Code != 200 ||
		!strings.Contains(rec.Body.String(), `"message": "No user was deleted", "error": 0`) {
		t.Fatalf("delete all: %d %s", rec.Code, rec.Body)
	}
}
