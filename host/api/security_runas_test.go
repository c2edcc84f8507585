package api

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Tests named TestSec9RunAs* cover security.md §9 "run_as". The rule
// language itself is tested in host/rbac/authcontext; these go through POST
// /security/user/authenticate/run_as.

const runAsPath = "/security/user/authenticate/run_as"

// runAsUser creates a user with allow_run_as and DB role 2 (readonly),
// whose run_as tokens must not carry role 2.
func runAsUser(t *testing.T, e *secEnv, name string) {
	t.Helper()
	id, _ := e.user(name, 2)
	if _, err := e.store.SetAllowRunAs(t.Context(), id, true); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(time.Second)
}

func rolesOf(t *testing.T, token string) string {
	t.Helper()
	var parts []string
	for _, r := range claimsOf(t, token)["rbac_roles"].([]any) {
		parts = append(parts, itoa(int(r.(float64))))
	}
	return strings.Join(parts, ",")
}

// §9: a user with allow_run_as=false calling run_as gets 403, 6004 (which
// does not count toward login blocking).
func TestSec9RunAsDisabled(t *testing.T) {
	e := newSecEnv(t, func(o *Options) { o.MaxLoginAttempts = 1 })
	e.user("plainuser", 2)
	for i := 0; i < 2; i++ {
		expect(t, e.loginAs("plainuser", "Passw0rd!", runAsPath, `{"dept": "x"}`), 403,
			`{"title": "Permission Denied", "detail": "The current user does not have authentication enabled through authorization context", "remediation": "You can enable it using the following endpoint: https://documentation.wazuh.com/4.14/user-manual/api/reference.html#operation/api.controllers.security_controller.edit_run_as", "dapi_errors": {"node01": {"error": "The current user does not have authentication enabled through authorization context"}}, "error": 6004}`)
	}
	expect(t, e.loginAs("plainuser", "wrong", runAsPath, `{"dept": "x"}`), 401, bodyBadCreds)
	expectStatus(t, e.loginAs("plainuser", "Passw0rd!", runAsPath, `{}`), 403, `"error": 6000`)
}

// §9: run_as roles come only from rule matches (user-role links are
// ignored); default rules (id <= 99) apply only to wazuh-wui. The token
// has run_as=true and a 32-hex-digit hash_auth_context.
func TestSec9RunAsRolesFromRulesOnly(t *testing.T) {
	e := newSecEnv(t, nil)
	admin := e.admin()
	runAsUser(t, e, "sso_user")
	rule := createRule(t, e, admin, "dept_x", `{"MATCH": {"dept": "x"}}`)
	expectStatus(t, e.call(http.MethodPost, "/security/roles/3/rules?rule_ids="+itoa(rule), admin, ""), 200)
	e.clock.Advance(time.Second)
	tok := runAsToken(t, e, "sso_user", "Passw0rd!", `{"dept": "x", "username": "elastic"}`)
	c := claimsOf(t, tok)
	if rolesOf(t, tok) != "3" || c["run_as"] != true || !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(c["hash_auth_context"].(string)) {
		t.Fatalf("claims %v", c)
	}
	if got := rolesOf(t, runAsToken(t, e, "sso_user", "Passw0rd!", `{"dept": "y"}`)); got != "" {
		t.Fatalf("unmatched context roles %q", got)
	}
	if got := rolesOf(t, runAsToken(t, e, "wazuh-wui", "wazuh-wui", `{"username": "elastic"}`)); got != "1" {
		t.Fatalf("wazuh-wui default rule roles %q", got)
	}
	expectStatus(t, e.call(http.MethodGet, "/security/users/me", tok, ""), 200, `"roles": [{"id": 3, "name": "users_admin"`)
	normal := e.token("sso_user", "Passw0rd!")
	if rolesOf(t, normal) != "2" || claimsOf(t, normal)["run_as"] != false {
		t.Fatalf("normal login claims %v", claimsOf(t, normal))
	}
	if !strings.Contains(e.log.String(), "sso_user ("+c["hash_auth_context"].(string)+") ") {
		t.Fatalf("access log lacks the auth context hash:\n%s", e.log)
	}
}

// §9: MATCH {"office":"20"} matches {"office":["20","21"]}, MATCH$ does
// not; FIND finds the key at depth 3; nesting deeper than 8 grants nothing.
func TestSec9RunAsRuleSemantics(t *testing.T) {
	e := newSecEnv(t, nil)
	admin := e.admin()
	runAsUser(t, e, "matcher")
	link := func(role int, rule string) {
		id := createRule(t, e, admin, "r"+itoa(role), rule)
		expectStatus(t, e.call(http.MethodPost, "/security/roles/"+itoa(role)+"/rules?rule_ids="+itoa(id), admin, ""), 200)
	}
	link(4, `{"MATCH": {"office": "20"}}`)
	link(5, `{"MATCH$": {"office": "20"}}`)
	link(6, `{"FIND": {"team": "blue"}}`)
	e.clock.Advance(time.Second)
	if got := rolesOf(t, runAsToken(t, e, "matcher", "Passw0rd!", `{"office": ["20", "21"]}`)); got != "4" {
		t.Fatalf("MATCH vs MATCH$: roles %q", got)
	}
	if got := rolesOf(t, runAsToken(t, e, "matcher", "Passw0rd!", `{"a": {"b": {"team": "blue"}}}`)); got != "6" {
		t.Fatalf("FIND at depth 3: roles %q", got)
	}
	deep := strings.Repeat(`{"x": `, 9) + `{"team": "blue"}` + strings.Repeat("}", 9)
	if got := rolesOf(t, runAsToken(t, e, "matcher", "Passw0rd!", deep)); got != "" {
		t.Fatalf("FIND beyond depth 8: roles %q", got)
	}
}

// §9: a catastrophic regex in a rule does not hang the API; a body over
// 8192 bytes gives 413.
func TestSec9RunAsRegexAndBodyLimit(t *testing.T) {
	e := newSecEnv(t, nil)
	admin := e.admin()
	runAsUser(t, e, "regexer")
	id := createRule(t, e, admin, "redos", `{"MATCH": {"name": "r'^(a+)+$'"}}`)
	expectStatus(t, e.call(http.MethodPost, "/security/roles/4/rules?rule_ids="+itoa(id), admin, ""), 200)
	e.clock.Advance(time.Second)
	start := time.Now()
	runAsToken(t, e, "regexer", "Passw0rd!", `{"name": "`+strings.Repeat("a", 4000)+`!"}`)
	if d := time.Since(start); d > 20*time.Second { // hang detection only: backtracking would never finish
		t.Fatalf("catastrophic regex took %v", d)
	}
	big := `{"name": "` + strings.Repeat("a", 8200) + `"}`
	expect(t, e.loginAs("regexer", "Passw0rd!", runAsPath, big), 413,
		`{"title": "Request Entity Too Large", "detail": "Auth context payload exceeds the maximum allowed size of 8192 bytes.", "error": 413}`)
	expect(t, e.loginAs("regexer", "wrong", runAsPath, big), 413,
		`{"title": "Request Entity Too Large", "detail": "Auth context payload exceeds the maximum allowed size of 8192 bytes.", "error": 413}`)
}

// §9: a body such as {"__unhandled_exc__": {"__class__": "exit",
// "__args__": []}} is plain data (CVE-2025-24016 regression).
func TestSec9RunAsBodyIsPlainData(t *testing.T) {
	e := newSecEnv(t, nil)
	runAsUser(t, e, "attacker")
	tok := runAsToken(t, e, "attacker", "Passw0rd!", `{"__unhandled_exc__": {"__class__": "exit", "__args__": []}}`)
	if rolesOf(t, tok) != "" {
		t.Fatalf("roles %q", rolesOf(t, tok))
	}
	expectStatus(t, e.call(http.MethodGet, "/", tok, ""), 200)
	expect(t, e.loginAs("attacker", "Passw0rd!", runAsPath, `["not", "an", "object"]`), 400,
		`{"title": "Bad Request", "detail": "['not', 'an', 'object'] is not of type 'object'"}`)
}
