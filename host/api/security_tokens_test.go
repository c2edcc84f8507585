package api

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/wazuh-go/server/host/auth"
)

// Tests named TestSec9Tokens* cover security.md §9 "Tokens".

const (
	bodyTokenExpired = `{"title": "Unauthorized", "detail": "Token expired"}`
	bodyBadCreds     = `{"title": "Unauthorized", "detail": "Invalid credentials"}`
)

// §9: login with valid Basic credentials returns 200 {"data":{"token":..},
// "error":0}; with raw=true the token comes back as text/plain.
func TestSec9TokensLoginAndRaw(t *testing.T) {
	e := newSecEnv(t, nil)
	rec := e.loginAs("wazuh", "wazuh", "/security/user/authenticate", "")
	if rec.Code != 200 || !strings.HasPrefix(rec.Body.String(), `{"data": {"token": "ey`) || !strings.HasSuffix(rec.Body.String(), `"}, "error": 0}`) {
		t.Fatalf("login: %d %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Fatalf("content-type %q", ct)
	}
	raw := e.loginAs("wazuh", "wazuh", "/security/user/authenticate?raw=true", "")
	if raw.Code != 200 || strings.Count(raw.Body.String(), ".") != 2 || raw.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Fatalf("raw: %d %q %s", raw.Code, raw.Header().Get("Content-Type"), raw.Body)
	}
	if rec := e.call(http.MethodGet, "/", raw.Body.String(), ""); rec.Code != 200 {
		t.Fatalf("raw token refused: %d %s", rec.Code, rec.Body)
	}
	dep := httpReq(http.MethodGet, "/security/user/authenticate", "")
	dep.SetBasicAuth("wazuh", "wazuh")
	got := e.serveReq(dep)
	if got.Code != 200 || got.Header().Get("Deprecated") != "true" || !strings.Contains(got.Header().Get("Link"), `rel="Deprecated"`) {
		t.Fatalf("deprecated GET: %d %v", got.Code, got.Header())
	}
	expect(t, e.loginAs("wazuh", "wazuh", "/security/user/authenticate?raw=maybe", ""), 400,
		`{"title": "Bad Request", "detail": "'maybe' is not of type 'boolean'. Failed validating 'type' in schema: {'type': 'boolean'}. On instance: 'maybe'"}`)
}

// §9: the token is ES512 with claims exactly iss, aud, nbf, exp, sub,
// run_as, rbac_roles, rbac_mode, and exp - nbf == auth_token_exp_timeout.
func TestSec9TokensClaimsExactlyWazuhs(t *testing.T) {
	e := newSecEnv(t, nil)
	tok := e.admin()
	parts := strings.Split(tok, ".")
	hdr, _ := base64.RawURLEncoding.DecodeString(parts[0])
	if string(hdr) != `{"alg":"ES512","typ":"JWT"}` {
		t.Fatalf("header %s", hdr)
	}
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range claims {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if strings.Join(keys, ",") != "aud,exp,iss,nbf,rbac_mode,rbac_roles,run_as,sub" {
		t.Fatalf("claims %v", keys)
	}
	if claims["iss"] != "wazuh" || claims["aud"] != "Wazuh API REST" || claims["sub"] != "wazuh" || claims["run_as"] != false ||
		claims["rbac_mode"] != "white" || claims["exp"].(float64)-claims["nbf"].(float64) != 900 {
		t.Fatalf("claims %v", claims)
	}
	if roles := claims["rbac_roles"].([]any); len(roles) != 1 || roles[0].(float64) != 1 {
		t.Fatalf("rbac_roles %v", roles)
	}
	if _, err := jwt.NewParser(jwt.WithValidMethods([]string{"ES512"}), jwt.WithoutClaimsValidation()).Parse(tok,
		func(*jwt.Token) (any, error) { return e.keys.Current().Public, nil }); err != nil {
		t.Fatalf("not ES512 with the server key: %v", err)
	}
}

// §9: HS256, alg none, another ES512 key, a wrong aud and an expired token
// all give 401 "Invalid token".
func TestSec9TokensForgedOrExpiredRejected(t *testing.T) {
	e := newSecEnv(t, nil)
	now := e.clock.Now().Unix()
	claims := func() *auth.Claims {
		return &auth.Claims{Issuer: auth.Issuer, Audience: auth.Audience, NotBefore: now, ExpiresAt: now + 900, Subject: "wazuh", RBACRoles: []int64{1}, RBACMode: "white"}
	}
	foreign, _ := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	foreignTok, _ := jwt.NewWithClaims(jwt.SigningMethodES512, claims()).SignedString(foreign)
	noneTok, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims()).SignedString(jwt.UnsafeAllowNoneSignatureType)
	pub := e.keys.Current().Public
	hsTok, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims()).SignedString(elliptic.MarshalCompressed(pub.Curve, pub.X, pub.Y))
	aud := claims()
	aud.Audience = "other"
	audTok, _ := auth.Sign(e.keys.Current(), aud)
	exp := claims()
	exp.NotBefore, exp.ExpiresAt = now-901, now-1
	expTok, _ := auth.Sign(e.keys.Current(), exp)
	for name, tok := range map[string]string{"HS256": hsTok, "none": noneTok, "foreign key": foreignTok, "wrong aud": audTok, "expired": expTok} {
		t.Run(name, func(t *testing.T) {
			expect(t, e.call(http.MethodGet, "/security/users/me", tok, ""), 401, bodyInvalidToken)
		})
	}
	valid, _ := auth.Sign(e.keys.Current(), claims())
	if rec := e.call(http.MethodGet, "/security/users/me", valid, ""); rec.Code != 200 {
		t.Fatalf("control token: %d %s", rec.Code, rec.Body)
	}
}

// §9: a Bearer token is not accepted on /security/user/authenticate; it is
// 401 "Invalid credentials" and counts as a failed attempt.
func TestSec9TokensBearerOnLoginCountsAsFailure(t *testing.T) {
	e := newSecEnv(t, func(o *Options) { o.MaxLoginAttempts = 2 })
	tok := e.admin()
	for i := 0; i < 2; i++ {
		expect(t, e.call(http.MethodPost, "/security/user/authenticate", tok, ""), 401, bodyBadCreds)
	}
	expectStatus(t, e.loginAs("wazuh", "wazuh", "/security/user/authenticate", ""), 403, `"error": 6000`)
}

// §9: a token issued before a role change is rejected: adding or removing a
// user-role link makes the old token 401 "Invalid token".
func TestSec9TokensRoleChangeInvalidates(t *testing.T) {
	e := newSecEnv(t, nil)
	admin := e.admin()
	id, tok := e.user("alice1", 2)
	for _, op := range []string{http.MethodPost, http.MethodDelete} {
		e.clock.Advance(time.Second)
		before := e.call(http.MethodGet, "/security/users/me", tok, "")
		if before.Code != 200 {
			t.Fatalf("%s: token not valid before: %s", op, before.Body)
		}
		rec := e.call(op, "/security/users/"+itoa(id)+"/roles?role_ids=3", admin, "")
		expectStatus(t, rec, 200, `"error": 0`)
		expect(t, e.call(http.MethodGet, "/security/users/me", tok, ""), 401, bodyInvalidToken)
		e.clock.Advance(time.Second)
		tok = e.token("alice1", "Passw0rd!")
	}
}

// §9: a token issued before a password change, a run_as flag change, the
// user's logout, a policy edit on one of its roles or a role-policy change
// is rejected.
func TestSec9TokensUserAndPolicyChangesInvalidate(t *testing.T) {
	e := newSecEnv(t, nil)
	admin := e.admin()
	role := e.role("auditor", `{"actions":["security:read"],"resources":["user:id:*"],"effect":"allow"}`)
	id, _ := e.user("bob12", role)
	res, _ := e.store.GetRoles(t.Context(), []int{role})
	policy := res.Items[0].Policies[0]
	cases := []struct {
		name, method, path, body string
		self                     bool
	}{
		{"password", http.MethodPut, "/security/users/" + itoa(id), `{"password": "Other.Pass9"}`, false},
		{"run_as flag", http.MethodPut, "/security/users/" + itoa(id) + "/run_as?allow_run_as=true", "", false},
		{"logout", http.MethodDelete, "/security/user/authenticate", "", true},
		{"policy edit", http.MethodPut, "/security/policies/" + itoa(policy), `{"policy": {"actions": ["security:read"], "resources": ["user:id:1"], "effect": "allow"}}`, false},
		{"role-policy unlink", http.MethodDelete, "/security/roles/" + itoa(role) + "/policies?policy_ids=" + itoa(policy), "", false},
		{"role-policy link", http.MethodPost, "/security/roles/" + itoa(role) + "/policies?policy_ids=5", "", false},
	}
	pass := "Passw0rd!"
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.clock.Advance(time.Second)
			tok := e.token("bob12", pass)
			caller := admin
			if c.self {
				caller = tok
			}
			expectStatus(t, e.call(c.method, c.path, caller, c.body), 200)
			expect(t, e.call(http.MethodGet, "/security/users/me", tok, ""), 401, bodyInvalidToken)
			if c.name == "password" {
				pass = "Other.Pass9"
			}
		})
	}
}

// §9: a token issued in the same second as an invalidation is rejected
// (strict >); one issued a second later is accepted.
func TestSec9TokensStrictSecond(t *testing.T) {
	e := newSecEnv(t, nil)
	_, tok := e.user("carol1", 2)
	expectStatus(t, e.call(http.MethodDelete, "/security/user/authenticate", tok, ""), 200,
		`{"message": "User carol1 was successfully logged out", "error": 0}`)
	same := e.token("carol1", "Passw0rd!")
	expect(t, e.call(http.MethodGet, "/security/users/me", same, ""), 401, bodyInvalidToken)
	e.clock.Advance(time.Second)
	later := e.token("carol1", "Passw0rd!")
	expectStatus(t, e.call(http.MethodGet, "/security/users/me", later, ""), 200)
}

// §9: PUT /security/user/revoke invalidates every user's tokens, the
// caller's included; new logins work.
func TestSec9TokensRevokeInvalidatesEveryone(t *testing.T) {
	e := newSecEnv(t, nil)
	admin := e.admin()
	_, other := e.user("dave12", 2)
	expect(t, e.call(http.MethodPut, "/security/user/revoke", admin, ""), 200, `{"message": "Tokens were successfully revoked", "error": 0}`)
	expect(t, e.call(http.MethodGet, "/", admin, ""), 401, bodyInvalidToken)
	expect(t, e.call(http.MethodGet, "/", other, ""), 401, bodyInvalidToken)
	expectStatus(t, e.call(http.MethodGet, "/", e.admin(), ""), 200)
	_, ro := e.user("erin12", 2)
	expectStatus(t, e.call(http.MethodPut, "/security/user/revoke", ro, ""), 403, `"detail": "Permission denied: Resource type: *:*"`)
	expect(t, e.call(http.MethodPut, "/security/user/revoke?pretty=true", e.admin(), ""), 400,
		`{"title": "Bad Request", "detail": "Extra query parameter(s) pretty not in spec"}`)
}

// §9: PUT or DELETE /security/config invalidates all tokens (the key pair
// rotates: "Invalid token"); editing security.yaml on disk without rotation
// makes mismatching tokens "Token expired".
func TestSec9TokensSecurityConfigChanges(t *testing.T) {
	e := newSecEnv(t, nil)
	for _, req := range []struct{ method, body string }{
		{http.MethodPut, `{"rbac_mode": "black"}`}, {http.MethodDelete, ""}, {http.MethodPut, `{"auth_token_exp_timeout": 900}`},
	} {
		tok := e.admin()
		old := e.keys.Current()
		expect(t, e.call(req.method, "/security/config", tok, req.body), 200, `{"message": "Configuration was successfully updated", "error": 0}`)
		if e.keys.Current() == old {
			t.Fatal("key pair not rotated")
		}
		expect(t, e.call(http.MethodGet, "/", tok, ""), 401, bodyInvalidToken)
	}
	tok := e.admin()
	if err := os.WriteFile(e.settings.Path(), []byte("auth_token_exp_timeout: 600\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := e.settings.Reload(); err != nil {
		t.Fatal(err)
	}
	expect(t, e.call(http.MethodGet, "/", tok, ""), 401, bodyTokenExpired)
	expect(t, e.call(http.MethodGet, "/security/config", e.admin(), ""), 200, `{"data": {"auth_token_exp_timeout": 600, "rbac_mode": "white"}, "error": 0}`)
}

// §9: a token for a deleted user gives 401.
func TestSec9TokensDeletedUser(t *testing.T) {
	e := newSecEnv(t, nil)
	admin := e.admin()
	id, tok := e.user("frank1", 2)
	expectStatus(t, e.call(http.MethodDelete, "/security/users?user_ids="+itoa(id), admin, ""), 200, `"message": "Users were successfully deleted"`)
	e.clock.Advance(5 * time.Second)
	expect(t, e.call(http.MethodGet, "/", tok, ""), 401, bodyInvalidToken)
}

// §9: linking or unlinking a role and a rule invalidates all run_as tokens
// and leaves normal tokens valid.
func TestSec9TokensRoleRuleLinkInvalidatesRunAsOnly(t *testing.T) {
	e := newSecEnv(t, nil)
	admin := e.admin()
	rule := createRule(t, e, admin, "dept_rule", `{"MATCH": {"dept": "sec"}}`)
	for _, op := range []string{http.MethodPost, http.MethodDelete} {
		e.clock.Advance(time.Second)
		normal := e.token("wazuh-wui", "wazuh-wui")
		runAs := runAsToken(t, e, "wazuh-wui", "wazuh-wui", `{"dept": "sec"}`)
		expectStatus(t, e.call(op, "/security/roles/2/rules?rule_ids="+itoa(rule), admin, ""), 200, `"error": 0`)
		expect(t, e.call(http.MethodGet, "/", runAs, ""), 401, bodyInvalidToken)
		expectStatus(t, e.call(http.MethodGet, "/", normal, ""), 200)
	}
}

// §9: logout invalidates the tokens even of a user with zero roles (a fix
// over Wazuh's quirk, documented in rbac.Store.CheckToken).
func TestSec9TokensLogoutWithZeroRoles(t *testing.T) {
	e := newSecEnv(t, nil)
	_, tok := e.user("gina12")
	expect(t, e.call(http.MethodDelete, "/security/user/authenticate", tok, ""), 200, `{"message": "User gina12 was successfully logged out", "error": 0}`)
	expect(t, e.call(http.MethodGet, "/", tok, ""), 401, bodyInvalidToken)
}
