package main

import (
	"net/http"
	"testing"
)

// agListEnv registers four agents: 001 and 002 active in group dmz (002 on
// an older version), 003 never connected and 004 disconnected, both
// without group; the manager (000) runs Wazuh v4.14.7.
func agListEnv(t *testing.T) (*agEnv, map[string]string) {
	e := agStart(t, "")
	for _, n := range []string{"web01", "web02", "db01", "db02"} {
		e.register(t, n)
	}
	e.group(t, "dmz")
	if s, b := e.call(t, http.MethodPut, "/agents/group?agents_list=001,002&group_id=dmz", e.admin, ""); s != 200 {
		t.Fatalf("assign: %d %s", s, b)
	}
	e.connect(t, "Wazuh v4.14.7", "1")
	e.connect(t, "Wazuh v4.9.0", "2")
	e.sql(t, "UPDATE agent SET connection_status = 'disconnected', disconnection_time = strftime('%s','now') WHERE id = 4")
	e.sql(t, "UPDATE agent SET version = 'Wazuh v4.14.7' WHERE id = 0")
	tokens := e.users(t, map[string][]agPolicy{
		"reader":  {agAllow("agent:read", "agent:id:001", "agent:id:003")},
		"denier":  {agAllow("agent:read", "agent:id:*"), agDeny("agent:read", "agent:id:002")},
		"noread":  nil,
		"dmzonly": {agAllow("agent:read", "agent:group:dmz")},
	})
	return e, tokens
}

const agNotSpec = `{"title": "Bad Request", "detail": "Extra query parameter(s) distinct not in spec"}`

// GET /agents, /agents/no_group, /agents/outdated and /agents/stats/distinct
// end to end: success (totals before pagination), partial failure (1701),
// RBAC (silent filtering, 4000 failed items, 403) and bad input.
func TestAgentsE2EListings(t *testing.T) {
	e, tok := agListEnv(t)
	get := http.MethodGet
	allMsg, noneMsg := "All selected agents information was returned", "No agent information was returned"
	e.agRun(t, []agCase{
		// GET /agents
		{get, "/agents?q=id!%3D000&sort=-name&select=name", e.admin, "", "200 error=0 total=4 items=[002 001 004 003] failed=[] " + allMsg},
		{get, "/agents?status=active&limit=1&offset=1", e.admin, "", "200 error=0 total=3 items=[001] failed=[] " + allMsg},
		{get, "/agents?group=dmz&version=4.9.0", e.admin, "", "200 error=0 total=1 items=[002] failed=[] " + allMsg},
		{get, "/agents?agents_list=004,999,001", e.admin, "", "200 error=2 total=2 items=[001 004] failed=[1701:[999]] Some agents information was not returned"},
		{get, "/agents?agents_list=999", e.admin, "", "200 error=1 total=0 items=[] failed=[1701:[999]] " + noneMsg},
		// Wazuh keeps a set of ids per failure: a repeated id fails once.
		{get, "/agents?agents_list=999,001,999", e.admin, "", "200 error=2 total=1 items=[001] failed=[1701:[999]] Some agents information was not returned"},
		{get, "/agents", tok["reader"], "", "200 error=0 total=2 items=[001 003] failed=[] " + allMsg},
		{get, "/agents", tok["noread"], "", "200 error=0 total=0 items=[] failed=[] " + noneMsg},
		{get, "/agents?agents_list=001,002", tok["denier"], "", "200 error=2 total=1 items=[001] failed=[4000:[002]] Some agents information was not returned"},
		{get, "/agents?agents_list=002", tok["reader"], "", "403 4000 Permission denied: Resource type: agent:id dapi"},
		// agent:id:* also allows unknown ids (1701); an allow list does not (4000).
		{get, "/agents?agents_list=001,999", tok["denier"], "", "200 error=2 total=1 items=[001] failed=[1701:[999]]"},
		{get, "/agents?agents_list=001,999", tok["reader"], "", "200 error=2 total=1 items=[001] failed=[4000:[999]]"},
		// agent:group:dmz expands to the group's agents.
		{get, "/agents?select=name", tok["dmzonly"], "", "200 error=0 total=2 items=[001 002] failed=[] " + allMsg},
		{get, "/agents?agents_list=001,003", tok["dmzonly"], "", "200 error=2 total=1 items=[001] failed=[4000:[003]]"},
		{get, "/agents?agents_list=abc", e.admin, "", "400 0 'abc' is not a 'numbers'. Failed validating 'format' in schema['items']"},
		{get, "/agents?agents_list=01", e.admin, "", "400 0 '01' is too short. Failed validating 'minLength' in schema['items']"},
		{get, "/agents?select=name,bogus", e.admin, "", "400 1724 Not a valid select field: Allowed select fields: configSum, dateAdd, disconnection_time, group, group_config_status, id, ip, lastKeepAlive, manager, mergedSum, name, node_name, os.arch, os.build, os.codename, os.major, os.minor, os.name, os.platform, os.uname, os.version, registerIP, status, status_code, version. Fields: bogus dapi"},
		{get, "/agents?select=internal_key", e.admin, "", "400 1724 Not a valid select field"},
		{get, "/agents?sort=-bogus", e.admin, "", "400 1403 Not a valid sort field: Allowed sort fields: configSum, "},
		{get, "/agents?q=bogus%3D1", e.admin, "", "400 1408 Field does not exist: Available fields: configSum, "},
		{get, "/agents?q=id%3C%3D3", e.admin, "", "400 1409 Invalid query operator: Valid operators: =, !=, <, >, ~. Used operator: <="},
		{get, "/agents?q=%3Dx", e.admin, "", "400 1407 Query does not match expected format: =x"},
		{get, "/agents?q=lastKeepAlive%3Cyesterday", e.admin, "", "400 1412 Date filter not valid. Valid formats are YYYY-MM-DD HH:mm:ss, YYYY-MM-DDTHH:mm:ssZ or YYYY-MM-DD: yesterday"},
		{get, "/agents?status=sleeping", e.admin, "", "400 0 'sleeping' is not one of ['active', 'pending', 'never_connected', 'disconnected']"},
		{get, "/agents?limit=0", e.admin, "", "400 0 0 is less than the minimum of 1"},
		{get, "/agents?older_than=7x", e.admin, "", "400 0 '7x' is not a 'timeframe'"},
		// GET /agents/no_group: agents without group, 000 excluded.
		{get, "/agents/no_group?select=name,status", e.admin, "", "200 error=0 total=2 items=[003 004] failed=[] " + allMsg},
		{get, "/agents/no_group?q=status%3Ddisconnected", e.admin, "", "200 error=0 total=1 items=[004] failed=[] " + allMsg},
		{get, "/agents/no_group", tok["reader"], "", "200 error=0 total=1 items=[003] failed=[] " + allMsg},
		{get, "/agents/no_group", tok["noread"], "", "200 error=0 total=0 items=[] failed=[] " + noneMsg},
		{get, "/agents/no_group?select=os", e.admin, "", "400 1724 Not a valid select field: Allowed select fields: "},
		// q is appended to "id!=000;group=null;", so the prefix always matches
		// and the unparsable tail leaves a dangling AND (api-surface.md §5.1).
		{get, "/agents/no_group?q=name~", e.admin, "", "400 2003 Error in wazuhdb request: "},
		{get, "/agents/no_group?q=bogus%3D1", e.admin, "", "400 1408 Field does not exist"},
		// GET /agents/outdated: version != the manager's; NULL versions are not outdated.
		{get, "/agents/outdated?select=version", e.admin, "", "200 error=0 total=1 items=[002] failed=[] " + allMsg},
		{get, "/agents/outdated?q=name%3Dweb01", e.admin, "", "200 error=0 total=0 items=[] failed=[] " + noneMsg},
		{get, "/agents/outdated", tok["denier"], "", "200 error=0 total=0 items=[] failed=[] " + noneMsg},
		{get, "/agents/outdated", tok["noread"], "", "200 error=0 total=0 items=[] failed=[] " + noneMsg},
		{get, "/agents/outdated?sort=%2Bbogus", e.admin, "", "400 1403 Not a valid sort field"},
		{get, "/agents/outdated?offset=-1", e.admin, "", "400 0 -1 is less than the minimum of 0"},
		// GET /agents/stats/distinct: GROUP BY the fields, 000 included.
		{get, "/agents/stats/distinct?fields=status&sort=status", tok["reader"], "", `200 error=0 total=2 items=[{"status": "active", "count": 1} {"status": "never_connected", "count": 1}]`},
		{get, "/agents/stats/distinct?fields=status", tok["noread"], "", "200 error=0 total=0 items=[] failed=[] " + noneMsg},
		{get, "/agents/stats/distinct?fields=status,bogus", e.admin, "", "400 1724 Not a valid select field: Allowed select fields: "},
		{get, "/agents/stats/distinct?fields=os%24name", e.admin, "", "400 0 'os$name' is not a 'names'. Failed validating 'format' in schema['items']"},
		{get, "/agents/stats/distinct?fields=status&q=status%3E%3Dactive", e.admin, "", "400 1409 Invalid query operator"},
		// Wazuh's fields=None raises TypeError (500); a 400 here.
		{get, "/agents/stats/distinct", e.admin, "", "400 0 Missing query parameter 'fields'"},
	})
	// Distinct counts are exact Wazuh envelopes (the total is the number of
	// combinations).
	status, body := e.call(t, get, "/agents/stats/distinct?fields=status&sort=-status", e.admin, "")
	want := `{"data": {"affected_items": [{"status": "never_connected", "count": 1}, {"status": "disconnected", "count": 1}, {"status": "active", "count": 3}], "total_affected_items": 3, "total_failed_items": 0, "failed_items": []}, "message": "All selected agents information was returned", "error": 0}`
	if status != 200 || body != want {
		t.Errorf("distinct:\n got %d %s\nwant %s", status, body, want)
	}
	// api-surface.md §2.3: partial failure byte for byte.
	status, body = e.call(t, get, "/agents?agents_list=001,999&select=name", e.admin, "")
	want = "{\"data\": {\"affected_items\": [{\"name\": \"web01\", \"id\": \"001\"}], \"total_affected_items\": 1, \"total_failed_items\": 1, \"failed_items\": [{\"error\": {\"code\": 1701, \"message\": \"Agent does not exist\", \"remediation\": \"Please, use `GET /agents?select=id,name` to find all available agents\"}, \"id\": [\"999\"]}]}, \"message\": \"Some agents information was not returned\", \"error\": 2}"
	if status != 200 || body != want {
		t.Errorf("partial:\n got %d %s\nwant %s", status, body, want)
	}
	for _, p := range []string{"/agents/no_group?distinct=true", "/agents/outdated?distinct=true"} {
		if s, b := e.call(t, get, p, e.admin, ""); s != 400 || b != agNotSpec {
			t.Errorf("GET %s: %d %s", p, s, b)
		}
	}
}
