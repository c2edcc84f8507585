package bench

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/api"
	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/host/rbac"
)

// storeUsers adapts rbac.Store for an in-process host.
type storeUsers struct{ s *rbac.Store }

func (u storeUsers) Authenticate(_ context.Context, user, pass string) (int64, []int64, error) {
	usr, err := u.s.Authenticate(user, pass)
	if err != nil {
		return 0, nil, err
	}
	roles := make([]int64, len(usr.Roles))
	for i, r := range usr.Roles {
		roles[i] = int64(r)
	}
	return int64(usr.ID), roles, nil
}

func (u storeUsers) CheckToken(c *auth.Claims) (int64, error) {
	roles := make([]int, len(c.RBACRoles))
	for i, r := range c.RBACRoles {
		roles[i] = int(r)
	}
	if ok, err := u.s.CheckToken(c.Subject, roles, c.NotBefore, c.RunAs); err != nil || !ok {
		return 0, auth.ErrInvalidToken
	}
	return 1, nil
}

func (u storeUsers) Generation() uint64 { return u.s.Generation() }

// TestRunSecurityBench runs the security bench briefly against an
// in-process HTTPS host. With WAZUH_BENCH_BIN set to a directory holding a
// built wazuh-apid it runs the full-length bench against the real binary
// and logs the figures.
func TestRunSecurityBench(t *testing.T) {
	if bin := os.Getenv("WAZUH_BENCH_BIN"); bin != "" {
		h, err := StartHost(context.Background(), HostOptions{BinDir: bin, Root: filepath.Join(t.TempDir(), "root"), Password: "Bench.Pass1"})
		if err != nil {
			t.Fatal(err)
		}
		defer h.Stop()
		rep, err := RunSecurityBench(context.Background(), h.URL, SecurityOptions{Password: "Bench.Pass1", FailedLogins: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Log("\n" + rep.String())
		return
	}
	dir := t.TempDir()
	store, err := rbac.Open(filepath.Join(dir, "rbac.db"), rbac.Options{ScryptN: 1024, Now: func() time.Time { return time.Now().Add(-time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	keys, err := auth.NewKeys(dir)
	if err != nil {
		t.Fatal(err)
	}
	sec := func() (int64, string) { return 900, "white" }
	users := storeUsers{store}
	srv := httptest.NewTLSServer(api.New(api.Options{Logger: hclog.NewNullLogger(), Keys: keys, Verifier: auth.NewVerifier(keys, users, sec),
		Users: users, Authz: nil, Security: sec}))
	defer srv.Close()
	rep, err := RunSecurityBench(context.Background(), srv.URL, SecurityOptions{
		Password: "wazuh", Duration: 300 * time.Millisecond, LoginClients: 2, RouteClients: 2, FloodRate: 300, FloodClients: 4,
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Logins.Requests == 0 || rep.Logins.Errors > 0 || rep.Baseline.Errors > 0 || rep.UnderFlood.Errors > 0 || rep.Flood.Requests == 0 || rep.Flood.Errors > 0 {
		t.Fatalf("unexpected report:\n%s", rep)
	}
	t.Log("\n" + rep.String())
}
