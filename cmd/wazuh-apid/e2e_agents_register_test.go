package main

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// agKeyRe is a registration answer: {"data": {"id", "key"}, "error": 0}.
var agKeyRe = regexp.MustCompile(`^\{"data": \{"id": "(\d{3,})", "key": "([A-Za-z0-9+/=]+)"\}, "error": 0\}$`)

// agRegistered checks a registration answer and returns the decoded key
// ("<id> <name> <ip> <64 hex>", data-layer.md §4.1).
func agRegistered(t *testing.T, status int, body, wantID string) string {
	t.Helper()
	m := agKeyRe.FindStringSubmatch(body)
	if status != 200 || m == nil || m[1] != wantID {
		t.Fatalf("registration: %d %s (want id %s)", status, body, wantID)
	}
	key, err := base64.StdEncoding.DecodeString(m[2])
	if err != nil {
		t.Fatalf("key %q: %v", m[2], err)
	}
	return string(key)
}

// POST /agents, POST /agents/insert and POST /agents/insert/quick through
// the embedded authd: the key answer and client.keys, authd's refusals
// (1705, 1706, 1708), RBAC (agent:create is resourceless: 403 *:*) and
// the body and parameter checks of connexion and Wazuh.
func TestAgentsE2ERegistration(t *testing.T) {
	e := agStart(t, "")
	tok := e.users(t, map[string][]agPolicy{
		"creator": {agAllow("agent:create", "*:*:*")},
		"noperm":  {agAllow("agent:read", "agent:id:*")},
	})
	post := http.MethodPost
	hexKey := regexp.MustCompile(`^[0-9a-f]{64}$`)

	status, body := e.call(t, post, "/agents", e.admin, `{"name":"web01","ip":"10.0.0.5"}`)
	fields := strings.Fields(agRegistered(t, status, body, "001"))
	if len(fields) != 4 || fields[1] != "web01" || fields[2] != "10.0.0.5" || !hexKey.MatchString(fields[3]) {
		t.Fatalf("key of 001: %q", fields)
	}
	status, body = e.call(t, post, "/agents", tok["creator"], `{"name":"web02"}`) // no ip: "any"
	if k := agRegistered(t, status, body, "002"); !strings.HasPrefix(k, "002 web02 any ") {
		t.Fatalf("key of 002: %q", k)
	}
	ownKey := strings.Repeat("0123456789abcdef", 4)
	status, body = e.call(t, post, "/agents/insert", e.admin, `{"name":"ins01","ip":"10.0.0.9","id":"010","key":"`+ownKey+`"}`)
	if k := agRegistered(t, status, body, "010"); k != "010 ins01 10.0.0.9 "+ownKey {
		t.Fatalf("key of 010: %q", k)
	}
	status, body = e.call(t, post, "/agents/insert", e.admin, `{"name":"ins02","force":{"enabled":true,"disconnected_time":{"enabled":false}}}`)
	agRegistered(t, status, body, "011") // authd's counter follows the highest id
	status, body = e.call(t, post, "/agents/insert/quick?agent_name=quick01", tok["creator"], "")
	if k := agRegistered(t, status, body, "012"); !strings.HasPrefix(k, "012 quick01 any ") {
		t.Fatalf("key of 012: %q", k)
	}
	keys, err := os.ReadFile(filepath.Join(e.root, "etc", "client.keys"))
	if err != nil || !strings.HasPrefix(string(keys), "001 web01 10.0.0.5 "+fields[3]+"\n002 web02 any ") ||
		!strings.Contains(string(keys), "\n010 ins01 10.0.0.9 "+ownKey+"\n") || !strings.Contains(string(keys), "\n012 quick01 any ") {
		t.Fatalf("client.keys: %q %v", keys, err)
	}
	status, body = e.call(t, http.MethodGet, "/agents?agents_list=010&select=name,ip,registerIP,status", e.admin, "")
	if status != 200 || !strings.Contains(body, `"affected_items": [{"name": "ins01", "ip": "10.0.0.9", "registerIP": "10.0.0.9", "status": "never_connected", "id": "010"}]`) {
		t.Fatalf("inserted agent: %d %s", status, body)
	}

	e.agRun(t, []agCase{
		// authd refusals (framework Agent._add_authd).
		{post, "/agents", e.admin, `{"name":"web01"}`, "400 1705 There is an agent with the same name: web01 dapi"},
		{post, "/agents", e.admin, `{"name":"web09","ip":"10.0.0.5"}`, "400 1706 There is an agent with the same IP or the IP is invalid: 10.0.0.5 dapi"},
		{post, "/agents", e.admin, `{"name":"web09","ip":"10.0.0.300"}`, "400 1706 There is an agent with the same IP or the IP is invalid: 10.0.0.300 dapi"},
		{post, "/agents/insert", e.admin, `{"name":"ins09","id":"010"}`, "400 1708 There is an agent with the same ID: 010 dapi"},
		{post, "/agents/insert/quick?agent_name=web02", e.admin, "", "400 1705 There is an agent with the same name: web02 dapi"},
		// RBAC: agent:create is resourceless.
		{post, "/agents", tok["noperm"], `{"name":"web09"}`, "403 4000 Permission denied: Resource type: *:* dapi"},
		{post, "/agents/insert", tok["noperm"], `{"name":"web09"}`, "403 4000 Permission denied: Resource type: *:* dapi"},
		{post, "/agents/insert/quick?agent_name=web09", tok["noperm"], "", "403 4000 Permission denied: Resource type: *:* dapi"},
		// Bodies (api-surface.md §3): schema errors, Wazuh's unknown field
		// check, Python's JSONDecodeError text.
		{post, "/agents", e.admin, `{"ip":"10.0.0.7"}`, "400 0 'name' is a required property"},
		{post, "/agents", e.admin, `{"name":"web09","group":"dmz"}`, "400 0 Invalid field found {'group'}"},
		{post, "/agents", e.admin, `{"name":"web 09"}`, "400 0 'web 09' is not a 'names' - 'name'"},
		{post, "/agents", e.admin, `{"name":9}`, "400 0 9 is not of type 'string' - 'name'"},
		{post, "/agents", e.admin, `{"name":"web09","ip":"10.0.0.7;x"}`, "400 0 '10.0.0.7;x' is not a 'alphanumeric_symbols' - 'ip'"},
		{post, "/agents", e.admin, `{"name":`, "400 0 Expecting value: line 1 column 9 (char 8)"},
		{post, "/agents", e.admin, `["web09"]`, "400 0 ['web09'] is not of type 'object'"},
		{post, "/agents/insert", e.admin, `{"name":"ins09","key":"abc"}`, "400 0 'abc' is too short - 'key'"},
		{post, "/agents/insert", e.admin, `{"name":"ins09","key":"` + strings.Repeat("z!", 32) + `"}`, "400 0 '" + strings.Repeat("z!", 32) + "' is not a 'wazuh_key' - 'key'"},
		{post, "/agents/insert", e.admin, `{"name":"ins09","id":"7"}`, "400 0 '7' is too short - 'id'"},
		{post, "/agents/insert", e.admin, `{"name":"ins09","force":true}`, "400 0 True is not of type 'object' - 'force'"},
		// force's own properties (AgentInsertForce): a bad timeframe used to
		// reach authd and come back as a 500 (1725).
		{post, "/agents/insert", e.admin, `{"name":"ins09","force":{"disconnected_time":{"value":"abc"}}}`, "400 0 'abc' is not a 'timeframe' - 'force.disconnected_time.value'"},
		{post, "/agents/insert", e.admin, `{"name":"ins09","force":{"enabled":"yes"}}`, "400 0 'yes' is not of type 'boolean' - 'force.enabled'"},
		{post, "/agents/insert", e.admin, `{"name":"ins09","force":{"after_registration_time":60}}`, "400 0 60 is not of type 'string' - 'force.after_registration_time'"},
		{post, "/agents/insert/quick", e.admin, "", "400 0 Missing query parameter 'agent_name'"},
		{post, "/agents/insert/quick?agent_name=a%2Fb", e.admin, "", "400 0 'a/b' is not a 'names'. Failed validating 'format' in schema: {'type': 'string', 'format': 'names', 'maxLength': 128}. On instance: 'a/b'"},
		{post, "/agents/insert/quick?agent_name=" + strings.Repeat("a", 129), e.admin, "", "400 0 '" + strings.Repeat("a", 129) + "' is too long. Failed validating 'maxLength'"},
	})
	// Without a Content-Type: 406 6002; another media type: 415.
	status, _, raw := e.send(t, post, "/agents", e.admin, "", []byte(`{"name":"web09"}`), false)
	if status != 406 || string(raw) != `{"title": "Not Acceptable", "detail": "The body type is not the one specified in the content-type", "error": 6002}` {
		t.Errorf("no content type: %d %s", status, raw)
	}
	status, _, raw = e.send(t, post, "/agents/insert", e.admin, "text/plain", []byte(`{"name":"web09"}`), false)
	if status != 415 || string(raw) != `{"title": "Unsupported Media Type", "detail": "Invalid Content-type (text/plain), expected ['application/json']"}` {
		t.Errorf("text/plain: %d %s", status, raw)
	}
	// Nothing was registered by the refused requests.
	status, body = e.call(t, http.MethodGet, "/agents?q=id!%3D000&select=name", e.admin, "")
	var list agResult
	if json.Unmarshal([]byte(body), &list) != nil || list.Data.Total != 5 {
		t.Fatalf("agents after refusals: %d %s", status, body)
	}
}
