package api

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/host/rbac"
	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// secBridge adapts a real rbac.Store to the server's interfaces the way
// host/app's bridge does.
type secBridge struct {
	store   *rbac.Store
	resolve rbac.GroupResolver
}

func (b *secBridge) Authenticate(_ context.Context, user, pass string) (int64, []int64, error) {
	u, err := b.store.Authenticate(user, pass)
	if err != nil {
		return 0, nil, err
	}
	roles := make([]int64, len(u.Roles))
	for i, r := range u.Roles {
		roles[i] = int64(r)
	}
	return int64(u.ID), roles, nil
}

func (b *secBridge) CheckToken(c *auth.Claims) (int64, error) {
	ok, err := b.store.CheckToken(c.Subject, intRoles(c.RBACRoles), c.NotBefore, c.RunAs)
	if err != nil || !ok {
		return 0, auth.ErrInvalidToken
	}
	u, err := b.store.GetUserByName(context.Background(), c.Subject)
	if err != nil {
		return 0, auth.ErrInvalidToken
	}
	return int64(u.ID), nil
}

func (b *secBridge) Generation() uint64 { return b.store.Generation() }

var testPlaceholder = regexp.MustCompile(`\{([^}]+)\}`)

func (b *secBridge) Authorize(ctx context.Context, id *auth.Identity, perms []sdk.Permission, vars map[string]string, q url.Values) (sdk.Scopes, *sdk.Error) {
	p, err := b.store.Permissions(ctx, intRoles(id.Claims.RBACRoles), rbac.Mode(id.Claims.RBACMode))
	if err != nil {
		return nil, sdk.NewError(1000, err.Error())
	}
	var reqs []rbac.Requirement
	for _, perm := range perms {
		rtype, tmpl := rbac.ParseResource(perm.Resource)
		switch m := testPlaceholder.FindStringSubmatch(tmpl); {
		case rtype == rbac.ResourcelessType:
			reqs = append(reqs, rbac.Resourceless(perm.Action))
		case m == nil:
			reqs = append(reqs, rbac.ListAll(perm.Action, rtype))
		default:
			if v, ok := vars[m[1]]; ok {
				reqs = append(reqs, rbac.ForIDs(perm.Action, rtype, v))
			} else if vals, ok := query.ArrayValues(q, m[1]); ok && len(vals) > 0 {
				reqs = append(reqs, rbac.ForIDs(perm.Action, rtype, vals...))
			} else {
				reqs = append(reqs, rbac.ListAll(perm.Action, rtype))
			}
		}
	}
	scopes, err := p.Evaluate(ctx, b.resolve, reqs...)
	var we *sdk.Error
	if errors.As(err, &we) {
		return nil, we
	}
	if err != nil {
		return nil, sdk.NewError(1000, err.Error())
	}
	return scopes, nil
}

// testClock is a settable clock shared by the store, the server and the
// verifier, so tests control the second every token and rule falls in.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// secEnv is a server over a real rbac.db (seeded with Wazuh's defaults,
// cheap scrypt cost) with the default user wazuh/wazuh as administrator.
type secEnv struct {
	*Server
	t        *testing.T
	store    *rbac.Store
	keys     *auth.Keys
	settings *auth.Settings
	clock    *testClock
	bridge   *secBridge
	log      *syncBuffer
}

var (
	templateOnce sync.Once
	templateDB   string
	templateErr  error
)

// seededDB returns a copy of a once-seeded rbac.db.
func seededDB(t *testing.T) string {
	t.Helper()
	templateOnce.Do(func() {
		dir, err := os.MkdirTemp("", "api-rbac-")
		if err != nil {
			templateErr = err
			return
		}
		templateDB = filepath.Join(dir, "rbac.db")
		s, err := rbac.Open(templateDB, rbac.Options{ScryptN: 16})
		if err == nil {
			err = s.Close()
		}
		templateErr = err
	})
	if templateErr != nil {
		t.Fatal(templateErr)
	}
	data, err := os.ReadFile(templateDB)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rbac.db")
	if err := os.WriteFile(path, data, 0o640); err != nil {
		t.Fatal(err)
	}
	return path
}

func newSecEnv(t *testing.T, mutate func(*Options)) *secEnv {
	t.Helper()
	clk := &testClock{t: time.Unix(1_700_000_000, 0)}
	dir := t.TempDir()
	settings, err := auth.LoadSettings(filepath.Join(dir, "security.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	store, err := rbac.Open(seededDB(t), rbac.Options{ScryptN: 16, Now: clk.Now,
		TokenTimeout: func() int64 { n, _ := settings.Current(); return n }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	keys, err := auth.NewKeys(dir)
	if err != nil {
		t.Fatal(err)
	}
	bridge := &secBridge{store: store}
	verifier := auth.NewVerifier(keys, bridge, settings.Current)
	verifier.SetClock(clk.Now)
	buf := &syncBuffer{}
	opts := Options{
		Logger: hclog.New(&hclog.LoggerOptions{Output: buf, Level: hclog.Info}), Keys: keys, Verifier: verifier,
		Users: bridge, Authz: bridge, Security: settings.Current, RBAC: store, Settings: settings,
		MaxUploadSize: 10485760, RequestTimeout: 5 * time.Second, MaxLoginAttempts: 50, BlockTime: 300 * time.Second,
		NodeName: "node01", Hostname: "testhost", Clock: clk.Now,
	}
	if mutate != nil {
		mutate(&opts)
	}
	return &secEnv{Server: New(opts), t: t, store: store, keys: keys, settings: settings, clock: clk, bridge: bridge, log: buf}
}
