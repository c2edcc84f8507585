package main

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// dbOSDAccount is the body the dashboard's run_as login sends: the
// OpenSearch Dashboards security account of the logged-in user.
const dbOSDAccount = `{"user_name":"admin","user_requested_name":"admin","backend_roles":["admin"],"custom_attribute_names":[],` +
	`"roles":["own_index","all_access"],"tenants":{"global_tenant":true,"admin_tenant":true,"admin":true},` +
	`"principal":null,"peer_certificates":"0","sso_logout_url":null,"size_of_user":"-1","size_of_custom_attributes":"-1","size_of_backend_roles":"-1"}`

// TestDashboardAuthFlow replays dashboard-calls.md §1 and the §5
// checklist items 1-5 and 8-10 in scope (authentication, run_as, JWT
// claims, the host registry, GET /, users/me/policies, 401 and logout),
// plus the security management calls of §3.10.
func TestDashboardAuthFlow(t *testing.T) {
	e := dbStart(t)
	post, get, del := http.MethodPost, http.MethodGet, http.MethodDelete
	wuiPass := dbWUIPassword(t, e.root)
	login := func(want int, path, user, password, body string) map[string]any {
		t.Helper()
		status, _, b := e.dbAxios(t, post, path, "", "", body, user, password)
		return dbDecode(t, "login "+user+" "+path, want, status, b)
	}

	// #1 Basic login, no body; bad credentials are 401.
	plain := dbToken(t, login(200, "/security/user/authenticate", "wazuh", "Secr3t.Pass", ""))
	if m := login(401, "/security/user/authenticate", "wazuh-wui", "wrong", ""); m["title"] != "Unauthorized" {
		t.Errorf("bad credentials: %v", m)
	}
	// #3 claims of a plain login: integer rbac_roles, exp/nbf in seconds.
	c := dbClaims(t, plain)
	exp, _ := c["exp"].(float64)
	nbf, _ := c["nbf"].(float64)
	if c["sub"] != "wazuh" || c["run_as"] != false || exp <= nbf || nbf < 1e9 || exp > 1e11 || !dbIsAdmin(c) {
		t.Errorf("plain claims: %v", c)
	}

	// Step 1, the registry, with the internal user's token.
	internal := dbToken(t, login(200, "/security/user/authenticate", "wazuh-wui", wuiPass, ""))
	m := e.dbCall(t, 200, get, "/agents?agents_list=000", internal, "{}")
	if manager, _ := dbAt(m, "data", "affected_items", 0, "manager").(string); manager == "" || dbAt(m, "data", "total_failed_items") != float64(0) {
		t.Errorf("agent 000: %v", m)
	}
	m = e.dbCall(t, 200, get, "/security/users/me", internal, "{}")
	if dbAt(m, "data", "affected_items", 0, "allow_run_as") != true {
		t.Errorf("users/me allow_run_as: %v", m)
	}

	// #2 run_as with the OSD account: the default rule 2 (FIND user_name
	// admin) maps to administrator; {"username":"elastic"} is rule 1; an
	// account no rule matches gets no role.
	runAs := dbToken(t, login(200, "/security/user/authenticate/run_as", "wazuh-wui", wuiPass, dbOSDAccount))
	if c := dbClaims(t, runAs); c["sub"] != "wazuh-wui" || c["run_as"] != true || !dbIsAdmin(c) {
		t.Errorf("run_as claims: %v", c)
	}
	elastic := dbToken(t, login(200, "/security/user/authenticate/run_as", "wazuh-wui", wuiPass, `{"username":"elastic"}`))
	if !dbIsAdmin(dbClaims(t, elastic)) {
		t.Errorf("elastic claims: %v", dbClaims(t, elastic))
	}
	nobody := dbToken(t, login(200, "/security/user/authenticate/run_as", "wazuh-wui", wuiPass, `{"user_name":"bob","backend_roles":[],"roles":[]}`))
	if dbIsAdmin(dbClaims(t, nobody)) {
		t.Errorf("unmatched account is administrator: %v", dbClaims(t, nobody))
	}

	// #8 GET / answers 200 with a 4.14 api_version for any valid token.
	for _, tok := range []string{runAs, nobody} {
		m := e.dbCall(t, 200, get, "/", tok, "{}")
		if v, _ := dbAt(m, "data", "api_version").(string); !regexp.MustCompile(`^v?4\.14\.\d+$`).MatchString(v) {
			t.Errorf("api_version %q", v)
		}
	}

	// #9 users/me/policies: {action: {resource: allow|deny}, rbac_mode}.
	m = e.dbCall(t, 200, get, "/security/users/me/policies", runAs, `{"idHost":"default"}`)
	data, _ := m["data"].(map[string]any)
	if data["rbac_mode"] != "white" || dbAt(data, "agent:read", "agent:id:*") != "allow" ||
		dbAt(data, "group:read", "group:id:*") != "allow" || dbAt(data, "task:status", "*:*:*") != "allow" {
		t.Errorf("policies: %v", data)
	}
	for action, resources := range data {
		if action == "rbac_mode" {
			continue
		}
		for res, eff := range resources.(map[string]any) {
			if (eff != "allow" && eff != "deny") || strings.Count(strings.Split(res, "&")[0], ":") != 2 {
				t.Errorf("policy %s %s: %v", action, res, eff)
			}
		}
	}
	if m := e.dbCall(t, 200, get, "/security/users/me/policies", nobody, `{"idHost":"default"}`); len(m["data"].(map[string]any)) != 1 {
		t.Errorf("policies without roles: %v", m)
	}

	dbSecurityManagement(t, e)

	// #10 logout revokes every token of sub (wazuh-wui with run_as), the
	// internal one included; expired, revoked or bad tokens are 401.
	m = e.dbCall(t, 200, del, "/security/user/authenticate", runAs, "{}")
	if m["error"] != float64(0) {
		t.Errorf("logout: %v", m)
	}
	for name, tok := range map[string]string{"run_as": runAs, "elastic": elastic, "internal": internal, "garbage": "a.b.c"} {
		if m := e.dbCall(t, 401, get, "/agents?agents_list=000", tok, "{}"); m["title"] != "Unauthorized" {
			t.Errorf("%s after logout: %v", name, m)
		}
	}
	e.dbCall(t, 200, get, "/agents?agents_list=000", plain, "{}") // another user's token survives
}

// dbIsAdmin is the dashboard's administrator check: rbac_roles holds 1.
func dbIsAdmin(claims map[string]any) bool {
	roles, _ := claims["rbac_roles"].([]any)
	admin := false
	for _, r := range roles {
		f, ok := r.(float64)
		if !ok || f != float64(int64(f)) {
			return false // roles must be integers
		}
		admin = admin || f == 1
	}
	return admin
}

// dbSecurityManagement replays the security pages' calls (§3.10),
// trailing-slash DELETEs included, and the run_as refusal for a user
// without allow_run_as.
func dbSecurityManagement(t *testing.T, e *dbEnv) {
	t.Helper()
	post, get, put, del := http.MethodPost, http.MethodGet, http.MethodPut, http.MethodDelete
	id := func(m map[string]any) string {
		t.Helper()
		f, ok := dbAt(m, "data", "affected_items", 0, "id").(float64)
		if !ok {
			t.Fatalf("no item id: %v", m)
		}
		return itoa(int(f))
	}
	m := e.dbCall(t, 200, get, "/security/users?sort=username&offset=0&limit=10", e.admin, "{}")
	if dbField(t, m, "username") != "wazuh,wazuh-wui" || dbAt(m, "data", "affected_items", 1, "allow_run_as") != true {
		t.Errorf("users: %v", m)
	}
	user := id(e.dbCall(t, 200, post, "/security/users", e.admin, `{"username":"alice","password":"Alice.Pass123"}`))
	status, _, b := e.dbAxios(t, post, "/security/user/authenticate/run_as", "", "", dbOSDAccount, "alice", "Alice.Pass123")
	if m := dbDecode(t, "alice run_as", 403, status, b); m["error"] != float64(6004) {
		t.Errorf("run_as without allow_run_as: %v", m)
	}
	e.dbCall(t, 200, put, "/security/users/"+user, e.admin, `{"password":"Alice.Pass456"}`)
	if m := e.dbCall(t, 200, put, "/security/users/"+user+"/run_as?allow_run_as=true", e.admin, "{}"); dbAt(m, "data", "affected_items", 0, "allow_run_as") != true {
		t.Errorf("run_as flag: %v", m)
	}
	role := id(e.dbCall(t, 200, post, "/security/roles", e.admin, `{"name":"dashboard-role"}`))
	policy := id(e.dbCall(t, 200, post, "/security/policies", e.admin,
		`{"name":"dashboard-policy","policy":{"actions":["agent:read"],"resources":["agent:id:001"],"effect":"allow"}}`))
	rule := id(e.dbCall(t, 200, post, "/security/rules", e.admin, `{"name":"dashboard-rule","rule":{"FIND":{"user_name":"alice"}}}`))
	e.dbCall(t, 200, put, "/security/policies/"+policy, e.admin, `{"policy":{"actions":["agent:read"],"resources":["agent:id:002"],"effect":"allow"}}`)
	e.dbCall(t, 200, put, "/security/rules/"+rule, e.admin, `{"name":"dashboard-rule","rule":{"MATCH":{"user_name":"alice"}}}`)
	e.dbCall(t, 200, post, "/security/roles/"+role+"/policies?policy_ids="+policy, e.admin, "{}")
	if m := e.dbCall(t, 200, post, "/security/users/"+user+"/roles?role_ids="+role, e.admin, "{}"); dbAt(m, "data", "affected_items", 0, "roles", 0) == nil {
		t.Errorf("user roles: %v", m)
	}
	m = e.dbCall(t, 200, get, "/security/roles?sort=name", e.admin, "{}")
	for _, it := range dbItems(t, m) {
		if it["name"] == "dashboard-role" && (dbAt(it, "policies", 0) == nil || it["rules"] == nil) {
			t.Errorf("role: %v", it)
		}
	}
	for _, path := range []string{"/security/policies?offset=0&limit=500", "/security/rules?sort=name&offset=0&limit=10", "/security/actions", "/security/resources"} {
		e.dbCall(t, 200, get, path, e.admin, "{}")
	}
	e.dbCall(t, 200, del, "/security/users/"+user+"/roles?role_ids=all", e.admin, "{}")
	e.dbCall(t, 200, del, "/security/roles/"+role+"/policies?policy_ids="+policy, e.admin, "{}")
	// DELETE /security/policies/ and /security/roles/ (trailing slash),
	// followed like axios follows a 307.
	for _, path := range []string{"/security/policies/?policy_ids=" + policy, "/security/roles/?role_ids=" + role,
		"/security/rules?rule_ids=" + rule, "/security/users?user_ids=" + user} {
		m := e.dbCall(t, 200, del, path, e.admin, "{}")
		if dbTotal(m) != float64(1) || m["error"] != float64(0) {
			t.Errorf("DELETE %s: %v", path, m)
		}
	}
}
