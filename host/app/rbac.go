package app

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"os"
	"regexp"
	"strings"

	"github.com/wazuh-go/server/host/api"
	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/host/layout"
	"github.com/wazuh-go/server/host/rbac"
	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// AdminPasswordEnv sets the "wazuh" user's password on first start.
const AdminPasswordEnv = "WAZUH_API_ADMIN_PASSWORD"

// The bridge evaluates routes' AllowChecks too.
var _ api.AllowEvaluator = (*rbacBridge)(nil)

// rbacBridge adapts rbac.Store to the HTTP layer's interfaces.
type rbacBridge struct {
	store   *rbac.Store
	resolve rbac.GroupResolver
}

// Authenticate implements api.UserAuthenticator.
func (b *rbacBridge) Authenticate(_ context.Context, username, password string) (int64, []int64, error) {
	u, err := b.store.Authenticate(username, password)
	if err != nil {
		return 0, nil, err
	}
	return int64(u.ID), toInt64(u.Roles), nil
}

// CheckToken implements auth.Checker.
func (b *rbacBridge) CheckToken(c *auth.Claims) (int64, error) {
	roles := make([]int, len(c.RBACRoles))
	for i, r := range c.RBACRoles {
		roles[i] = int(r)
	}
	ok, err := b.store.CheckToken(c.Subject, roles, c.NotBefore, c.RunAs)
	if err != nil || !ok {
		return 0, auth.ErrInvalidToken
	}
	u, err := b.store.GetUserByName(context.Background(), c.Subject)
	if err != nil || u == nil {
		return 0, auth.ErrInvalidToken
	}
	return int64(u.ID), nil
}

// Generation implements auth.Checker.
func (b *rbacBridge) Generation() uint64 { return b.store.Generation() }

var placeholder = regexp.MustCompile(`\{([^}]+)\}`)

// Authorize implements api.Authorizer: it substitutes the request's values
// into each permission's resource template (Wazuh's expose_resources) and
// evaluates the caller's policies.
func (b *rbacBridge) Authorize(ctx context.Context, id *auth.Identity, perms []sdk.Permission, pathParams map[string]string, q url.Values) (sdk.Scopes, *sdk.Error) {
	p, err := b.permissions(ctx, id)
	if err != nil {
		return nil, internalError(err)
	}
	reqs := make([]rbac.Requirement, 0, len(perms))
	for _, perm := range perms {
		reqs = append(reqs, requirementFor(perm, pathParams, q))
	}
	scopes, err := p.Evaluate(ctx, b.resolve, reqs...)
	if err != nil {
		var we *sdk.Error
		if errors.As(err, &we) {
			return nil, we
		}
		return nil, internalError(err)
	}
	return scopes, nil
}

// AllowedActions implements api.AllowEvaluator: whether the caller's
// processed policies hold an explicit allow for each action (Wazuh
// 4.14.7's @mask_sensitive_config rule, see rbac.Permissions.HasAllow). The
// permission map comes from the store's cache, the one Authorize used.
func (b *rbacBridge) AllowedActions(ctx context.Context, id *auth.Identity, actions []string) (map[string]bool, *sdk.Error) {
	p, err := b.permissions(ctx, id)
	if err != nil {
		return nil, internalError(err)
	}
	return p.AllowedActions(actions), nil
}

// permissions returns the processed permission map of the token's roles
// under its rbac_mode (cached by the store per role list).
func (b *rbacBridge) permissions(ctx context.Context, id *auth.Identity) (*rbac.Permissions, error) {
	roles := make([]int, len(id.Claims.RBACRoles))
	for i, r := range id.Claims.RBACRoles {
		roles[i] = int(r)
	}
	return b.store.Permissions(ctx, roles, rbac.Mode(id.Claims.RBACMode))
}

// requirementFor builds the requirement of one permission. A template whose
// parameter was not given lists every resource of the type.
func requirementFor(perm sdk.Permission, pathParams map[string]string, q url.Values) rbac.Requirement {
	resourceType, template := rbac.ParseResource(perm.Resource)
	if resourceType == rbac.ResourcelessType {
		return rbac.Resourceless(perm.Action)
	}
	m := placeholder.FindStringSubmatch(template)
	if m == nil {
		if template == "*" || template == "" {
			return rbac.ListAll(perm.Action, resourceType)
		}
		return rbac.ForIDs(perm.Action, resourceType, template)
	}
	name := m[1]
	if perm.TargetParam != "" {
		name = perm.TargetParam
	}
	if v, ok := pathParams[name]; ok {
		return rbac.ForIDs(perm.Action, resourceType, v)
	}
	// agents_list=all and groups_list=all (the DELETE endpoints) list every
	// resource: denied ones are filtered, never a 403.
	if vals, ok := query.ArrayValues(q, name); ok && len(vals) > 0 && !(len(vals) == 1 && vals[0] == "all") {
		return rbac.ForIDs(perm.Action, resourceType, vals...)
	}
	return rbac.ListAll(perm.Action, resourceType)
}

func internalError(err error) *sdk.Error {
	e := sdk.NewError(1000, err.Error())
	e.HTTPStatus = 500
	return e
}

func toInt64(v []int) []int64 {
	out := make([]int64, len(v))
	for i, x := range v {
		out[i] = int64(x)
	}
	return out
}

// openRBAC opens rbac.db. A new database is seeded with Wazuh's defaults
// but never with the well-known passwords: wazuh gets WAZUH_API_ADMIN_PASSWORD
// when set; every generated password is strong, random and written to
// <root>/api/configuration/initial-credentials (mode 0600).
func (a *App) openRBAC(sec *auth.Settings) (*rbacBridge, error) {
	path := a.root.Path(layout.RBACDB)
	_, statErr := os.Stat(path)
	isNew := os.IsNotExist(statErr)
	// authentication_pool_size is the size of Wazuh's process pool for the
	// authentication functions: here, the password hashes run at once.
	opts := rbac.Options{TokenTimeout: func() int64 { t, _ := sec.Current(); return t }, HashConcurrency: a.cfg.AuthenticationPoolSize}
	var generated string
	if isNew {
		var err error
		if opts.InitialPasswords, generated, err = initialPasswords(); err != nil {
			return nil, err
		}
	}
	store, err := rbac.Open(path, opts)
	if err != nil {
		return nil, fmt.Errorf("app: rbac.db: %w", err)
	}
	a.addCloser(func() { _ = store.Close() })
	if generated != "" {
		creds := a.root.Path(layout.InitialCreds)
		if err := os.WriteFile(creds, []byte(generated), 0o600); err != nil {
			return nil, fmt.Errorf("app: write initial credentials: %w", err)
		}
		a.log.Warn("generated initial API passwords for users wazuh and wazuh-wui", "file", creds)
	}
	return &rbacBridge{store: store}, nil
}

// initialPasswords returns the default users' first passwords and, when
// any was generated, the initial-credentials file content.
func initialPasswords() (map[string]string, string, error) {
	admin := os.Getenv(AdminPasswordEnv)
	if admin != "" {
		if err := rbac.ValidatePassword(admin); err != nil {
			return nil, "", fmt.Errorf("app: %s: %w", AdminPasswordEnv, err)
		}
	}
	pw := map[string]string{"wazuh": admin}
	var err error
	if admin == "" {
		if pw["wazuh"], err = randomPassword(); err != nil {
			return nil, "", err
		}
	}
	if pw["wazuh-wui"], err = randomPassword(); err != nil {
		return nil, "", err
	}
	creds := "wazuh-wui:" + pw["wazuh-wui"] + "\n"
	if admin == "" {
		creds = "wazuh:" + pw["wazuh"] + "\n" + creds
	}
	return pw, creds, nil
}

// randomPassword returns 24 characters meeting Wazuh's policy (upper, lower,
// digit, symbol).
func randomPassword() (string, error) {
	sets := []string{"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", ".*+?-_"}
	all := strings.Join(sets, "")
	pick := func(s string) (byte, error) {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(s))))
		if err != nil {
			return 0, fmt.Errorf("app: random password: %w", err)
		}
		return s[n.Int64()], nil
	}
	out := make([]byte, 0, 24)
	for _, s := range sets {
		c, err := pick(s)
		if err != nil {
			return "", err
		}
		out = append(out, c)
	}
	for len(out) < 24 {
		c, err := pick(all)
		if err != nil {
			return "", err
		}
		out = append(out, c)
	}
	return string(out), nil
}
