package app

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/host/rbac"
	"github.com/wazuh-go/server/sdk"
)

// The bridge answers AllowChecks from the caller's processed policies:
// the administrator role holds both update_config allows, readonly none,
// whatever the mode.
func TestBridgeAllowedActions(t *testing.T) {
	store, err := rbac.Open(filepath.Join(t.TempDir(), "rbac.db"), rbac.Options{ScryptN: 16})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	b := &rbacBridge{store: store}
	ask := func(mode string, roles ...int64) map[string]bool {
		t.Helper()
		id := &auth.Identity{UserID: 100, Claims: &auth.Claims{Subject: "u", RBACRoles: roles, RBACMode: mode}}
		got, e := b.AllowedActions(context.Background(), id, sdk.RevealSecretsChecks())
		if e != nil {
			t.Fatal(e)
		}
		return got
	}
	both := map[string]bool{sdk.ActionManagerUpdateConfig: true, sdk.ActionClusterUpdateConfig: true}
	none := map[string]bool{sdk.ActionManagerUpdateConfig: false, sdk.ActionClusterUpdateConfig: false}
	for _, c := range []struct {
		mode  string
		roles []int64
		want  map[string]bool
	}{
		{"white", []int64{1}, both},
		{"black", []int64{1}, both},
		{"white", []int64{2}, none},
		{"black", []int64{2}, none},
		{"black", nil, none},
	} {
		if got := ask(c.mode, c.roles...); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s %v: %v, want %v", c.mode, c.roles, got, c.want)
		}
	}
}
