package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/host/rbac"
	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// Tests named TestSec9RBACSensitiveConfigMasked* cover the security.md §9
// item "Users without an allow for manager:update_config or
// cluster:update_config see cluster.key and authd.pass masked" (§4.5)
// through the HTTP stack: the host evaluates the routes' AllowChecks, a
// stand-in configuration module served through the real gRPC glue
// (sdktest.Serve) masks with the sdk helpers unless MayRevealSecrets.

// AllowedActions makes the test bridge an AllowEvaluator as host/app's is.
func (b *secBridge) AllowedActions(ctx context.Context, id *auth.Identity, actions []string) (map[string]bool, *sdk.Error) {
	p, err := b.store.Permissions(ctx, intRoles(id.Claims.RBACRoles), rbac.Mode(id.Claims.RBACMode))
	if err != nil {
		return nil, sdk.NewError(1000, err.Error())
	}
	return p.AllowedActions(actions), nil
}

const (
	clusterKey = "9d273b53510fef702b54a92e9cffc82e"
	authdPass  = "Authd.Pass.42"
	rawOssec   = "<ossec_config>\n  <cluster>\n    <name>wazuh</name>\n    <key>" + clusterKey + "</key>\n    <port>1516</port>\n  </cluster>\n</ossec_config>\n"
)

// configModule serves three configuration reads the way the manager and
// cluster modules must.
type configModule struct{}

func (configModule) Describe() sdk.Descriptor {
	reveal := sdk.RevealSecretsChecks()
	return sdk.Descriptor{Name: "config", Routes: []sdk.Route{
		{ID: "manager.get_configuration", Method: http.MethodGet, Path: "/manager/configuration", QueryParams: []string{"raw"},
			Permissions: []sdk.Permission{{Action: "manager:read", Resource: "*:*:*"}}, AllowChecks: reveal},
		{ID: "manager.get_active_configuration", Method: http.MethodGet, Path: "/manager/configuration/{component}/{configuration}",
			Permissions: []sdk.Permission{{Action: "manager:read", Resource: "*:*:*"}}, AllowChecks: reveal},
		{ID: "cluster.get_local_config", Method: http.MethodGet, Path: "/cluster/local/config",
			Permissions: []sdk.Permission{{Action: "cluster:read", Resource: "node:id:node01"}}, AllowChecks: reveal},
	}}
}

func (configModule) Configure(context.Context, sdk.Host, sdk.Config) error { return nil }

func (configModule) Handle(_ context.Context, req *sdk.Request) (*sdk.Response, error) {
	var data any
	switch req.RouteID {
	case "manager.get_configuration":
		if req.Query.Get("raw") == "true" {
			body := rawOssec
			if !req.MayRevealSecrets() {
				body = sdk.MaskSensitiveConfigXML(body)
			}
			return &sdk.Response{Header: http.Header{"Content-Type": {"application/xml; charset=utf-8"}}, Body: []byte(body)}, nil
		}
		data = map[string]any{"cluster": map[string]any{"name": "wazuh", "key": clusterKey, "port": "1516"}}
	case "manager.get_active_configuration":
		data = map[string]any{"auth": map[string]any{"use_password": "yes"}, "authd.pass": authdPass}
	default:
		data = map[string]any{"name": "wazuh", "node_name": "node01", "key": clusterKey}
	}
	if !req.MayRevealSecrets() {
		var err error
		if data, err = sdk.MaskSensitiveConfig(data); err != nil {
			return nil, err
		}
	}
	out := sdk.NewAffectedItems("Configuration was successfully read", "", "")
	out.AddAffected(data)
	return sdk.OK(req, out)
}

// servedTarget routes the host's calls through sdktest.Serve's gRPC glue.
type servedTarget struct{ c sdktest.Client }

func (s servedTarget) Handle(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	return s.c.Handle(ctx, req)
}

func (servedTarget) HandleStream(context.Context, *sdk.Request, func(int, http.Header), io.Writer) error {
	return errors.New("not streaming")
}

func newSecretsEnv(t *testing.T) *secEnv {
	e := newSecEnv(t, nil)
	mod := configModule{}
	c := sdktest.Serve(t, mod, sdktest.NewFakeHost(t, sdk.Capabilities{}), nil)
	e.Mount([]ModuleRoutes{{Routes: mod.Describe().Routes, Target: servedTarget{c}}})
	return e
}

// apiBuilder builds roles and users through the /security API as an
// administrator would. Wazuh refuses two policies with the same body, so
// each body becomes one policy shared by the roles that use it.
type apiBuilder struct {
	e        *secEnv
	admin    string
	policies map[string]string
}

func newAPIBuilder(e *secEnv) *apiBuilder {
	return &apiBuilder{e: e, admin: e.admin(), policies: map[string]string{}}
}

// post sends an administrator's POST and returns the affected item's id.
func (b *apiBuilder) post(path, body string) string {
	b.e.t.Helper()
	rec := b.e.call(http.MethodPost, path, b.admin, body)
	var out struct {
		Data struct {
			Items []struct {
				ID int `json:"id"`
			} `json:"affected_items"`
		} `json:"data"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || rec.Code != http.StatusOK || len(out.Data.Items) != 1 {
		b.e.t.Fatalf("POST %s: %d %s", path, rec.Code, rec.Body)
	}
	return itoa(out.Data.Items[0].ID)
}

// role creates a role holding the policies with the given bodies, in order.
func (b *apiBuilder) role(name string, bodies ...string) string {
	b.e.t.Helper()
	role := b.post("/security/roles", `{"name": "`+name+`"}`)
	for _, body := range bodies {
		policy, ok := b.policies[body]
		if !ok {
			policy = b.post("/security/policies", `{"name": "policy_`+itoa(len(b.policies))+`", "policy": `+body+`}`)
			b.policies[body] = policy
		}
		b.post("/security/roles/"+role+"/policies?policy_ids="+policy, "")
	}
	return role
}

// user creates a user with one role holding the given policies and returns
// a token issued after the links.
func (b *apiBuilder) user(name string, bodies ...string) string {
	b.e.t.Helper()
	user := b.post("/security/users", `{"username": "`+name+`", "password": "Passw0rd!"}`)
	b.post("/security/users/"+user+"/roles?role_ids="+b.role(name+"_role", bodies...), "")
	b.e.clock.Advance(time.Second)
	return b.e.token(name, "Passw0rd!")
}

const (
	readManager   = `{"actions": ["manager:read", "cluster:read"], "resources": ["*:*:*", "node:id:*"], "effect": "allow"}`
	denyManagerUC = `{"actions": ["manager:update_config"], "resources": ["*:*:*"], "effect": "deny"}`
	allowClusterU = `{"actions": ["cluster:update_config"], "resources": ["node:id:worker1"], "effect": "allow"}`
	allowManagerU = `{"actions": ["manager:update_config"], "resources": ["*:*:*"], "effect": "allow"}`
)

// secretsOf reads the three configuration routes and reports whether each
// revealed its secret (true), masked it (false) or failed the test.
func secretsOf(t *testing.T, e *secEnv, token string) [4]bool {
	t.Helper()
	var out [4]bool
	for i, c := range []struct{ path, secret, masked string }{
		{"/manager/configuration", `"key": "` + clusterKey + `"`, `"key": "*****"`},
		{"/manager/configuration?raw=true", "<key>" + clusterKey + "</key>", "<key>***</key>"},
		{"/manager/configuration/auth/auth", `"authd.pass": "` + authdPass + `"`, `"authd.pass": "*****"`},
		{"/cluster/local/config", `"key": "` + clusterKey + `"`, `"key": "*****"`},
	} {
		rec := e.call(http.MethodGet, c.path, token, "")
		body := rec.Body.String()
		switch {
		case rec.Code != http.StatusOK:
			t.Fatalf("GET %s: %d %s", c.path, rec.Code, body)
		case strings.Contains(body, c.secret):
			out[i] = true
		case !strings.Contains(body, c.masked) || strings.Contains(body, clusterKey) || strings.Contains(body, authdPass):
			t.Fatalf("GET %s: neither the secret nor the mask: %s", c.path, body)
		}
	}
	return out
}

var (
	revealed = [4]bool{true, true, true, true}
	masked   = [4]bool{}
)

// §9 / §4.5: the administrator sees the key; manager:read alone, or with a
// deny for manager:update_config (the 4.14.7 fix), sees "*****" ("***" in
// raw XML); an allow for cluster:update_config on a single node reveals.
func TestSec9RBACSensitiveConfigMasked(t *testing.T) {
	e := newSecretsEnv(t)
	b := newAPIBuilder(e)
	for _, c := range []struct {
		name  string
		token string
		want  [4]bool
	}{
		{"administrator", b.admin, revealed},
		{"manager:read only", b.user("reader", readManager), masked},
		{"deny manager:update_config", b.user("denied", readManager, denyManagerUC), masked},
		{"allow cluster:update_config", b.user("clusteredit", readManager, allowClusterU), revealed},
		{"allow manager:update_config", b.user("manageredit", readManager, allowManagerU), revealed},
		{"allow then deny", b.user("revoked", readManager, allowManagerU, denyManagerUC), masked},
	} {
		if got := secretsOf(t, e, c.token); got != c.want {
			t.Errorf("%s: revealed %v, want %v", c.name, got, c.want)
		}
	}
	// readonly (a default role) reads configuration but never its secrets.
	_, ro := e.user("readonly_user", 2)
	if got := secretsOf(t, e, ro); got != masked {
		t.Errorf("readonly: revealed %v", got)
	}
}

// In black mode a user with no roles may read the configuration, and
// would even be allowed to update it, but holds no allow entry: masked.
func TestSec9RBACSensitiveConfigMaskedBlackMode(t *testing.T) {
	e := newSecretsEnv(t)
	expectStatus(t, e.call(http.MethodPut, "/security/config", e.admin(), `{"rbac_mode": "black"}`), 200)
	e.clock.Advance(time.Second)
	b := newAPIBuilder(e)
	_, noRoles := e.user("blacknoroles")
	for _, c := range []struct {
		name  string
		token string
		want  [4]bool
	}{
		{"administrator", b.admin, revealed},
		{"no roles", noRoles, masked},
		{"deny manager:update_config", b.user("blackdenied", denyManagerUC), masked},
		{"allow manager:update_config", b.user("blackallowed", allowManagerU), revealed},
	} {
		if got := secretsOf(t, e, c.token); got != c.want {
			t.Errorf("%s: revealed %v, want %v", c.name, got, c.want)
		}
	}
}

// run_as tokens carry the roles their rules matched; an allow in one of
// them reveals, the user's own DB roles do not count.
func TestSec9RBACSensitiveConfigMaskedRunAs(t *testing.T) {
	e := newSecretsEnv(t)
	b := newAPIBuilder(e)
	runAsUser(t, e, "sso_editor") // DB role 2 (readonly), ignored by run_as
	readers := b.role("sso_readers", readManager)
	editors := b.role("sso_editors", readManager, allowClusterU)
	for role, rule := range map[string]string{readers: `{"MATCH": {"team": "readers"}}`, editors: `{"MATCH": {"team": "editors"}}`} {
		id := createRule(t, e, b.admin, "team_"+role, rule)
		b.post("/security/roles/"+role+"/rules?rule_ids="+itoa(id), "")
	}
	e.clock.Advance(time.Second)
	if got := secretsOf(t, e, runAsToken(t, e, "sso_editor", "Passw0rd!", `{"team": "readers"}`)); got != masked {
		t.Errorf("run_as readers: revealed %v", got)
	}
	if got := secretsOf(t, e, runAsToken(t, e, "sso_editor", "Passw0rd!", `{"team": "editors"}`)); got != revealed {
		t.Errorf("run_as editors: revealed %v", got)
	}
}
