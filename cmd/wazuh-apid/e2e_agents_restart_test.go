package main

import (
	"net/http"
	"reflect"
	"testing"
)

// agRestartEnv: 001 active (v4.14.7), 002 disconnected, 003 never
// connected, 004 active on v4.1.0 (legacy restart command); group dmz
// holds 001 and 003, group quiet none.
func agRestartEnv(t *testing.T) (*agEnv, map[string]string) {
	e := agStart(t, "")
	for _, n := range []string{"web01", "web02", "web03", "web04"} {
		e.register(t, n)
	}
	e.connect(t, "Wazuh v4.14.7", "1")
	e.connect(t, "Wazuh v4.1.0", "4")
	e.sql(t, "UPDATE agent SET connection_status = 'disconnected', version = 'Wazuh v4.14.7' WHERE id = 2")
	e.group(t, "dmz")
	e.group(t, "quiet")
	if s, b := e.call(t, http.MethodPut, "/agents/group?agents_list=001,003&group_id=dmz", e.admin, ""); s != 200 {
		t.Fatalf("assign: %d %s", s, b)
	}
	return e, e.users(t, map[string][]agPolicy{
		"restarter": {{actions: []string{"agent:restart", "agent:reconnect"}, resources: []string{"agent:id:001", "agent:id:003"}, effect: "allow"}},
		"grouper": {agAllow("group:read", "group:id:dmz"), agAllow("agent:read", "agent:id:*"),
			agAllow("agent:restart", "agent:id:003")},
		"noperm": {agAllow("agent:read", "agent:id:*"), agAllow("group:read", "group:id:*")},
	})
}

// agStep is a request, its rendered answer and the ar messages it sends.
type agStep struct {
	method, path, token string
	want                string
	ar                  []string
}

func (e *agEnv) agSteps(t *testing.T, steps []agStep) {
	t.Helper()
	for _, s := range steps {
		e.agRun(t, []agCase{{s.method, s.path, s.token, "", s.want}})
		if got := e.arMessages(t, len(s.ar)); !reflect.DeepEqual(got, s.ar) && (len(got) > 0 || len(s.ar) > 0) {
			t.Errorf("%s %s: ar messages\n got %q\nwant %q", s.method, s.path, got, s.ar)
		}
	}
}

// PUT /agents/restart, /agents/{id}/restart, /agents/reconnect,
// /agents/group/{group_id}/restart and, standalone, /agents/node/{id}/restart:
// the datagrams the embedded ar queue records (data-layer.md §4.6),
// 1701/1703/1707 failed items (dropped without agents_list), RBAC and bad
// input.
func TestAgentsE2ERestartAndReconnect(t *testing.T) {
	e, tok := agRestartEnv(t)
	put := http.MethodPut
	sent, some, none := "Restart command was sent to all agents", "Restart command was not sent to some agents", "Restart command was not sent to any agent"
	legacy := "(msg_to_agent) [] NNS 004 restart-ossec0 - null (from_the_server) (no_rule_id)"
	reconnect := func(id string) string { return "(msg_to_agent) [] N!S " + id + " force_reconnect" }
	e.agSteps(t, []agStep{
		{put, "/agents/restart?agents_list=001", e.admin, "200 error=0 total=1 items=[001] failed=[] " + sent, []string{agRestartMsg("001")}},
		{put, "/agents/restart?agents_list=004,003,000,999,001", e.admin, "200 error=2 total=2 items=[001 004] failed=[1701:[999] 1703:[000] 1707:[003]] " + some,
			[]string{legacy, agRestartMsg("001")}},
		{put, "/agents/restart", e.admin, "200 error=0 total=2 items=[001 004] failed=[] " + sent, []string{agRestartMsg("001"), legacy}},
		{put, "/agents/restart?agents_list=001,002", tok["restarter"], "200 error=2 total=1 items=[001] failed=[4000:[002]] " + some, []string{agRestartMsg("001")}},
		{put, "/agents/restart", tok["restarter"], "200 error=0 total=1 items=[001] failed=[] " + sent, []string{agRestartMsg("001")}},
		{put, "/agents/restart?agents_list=001", tok["noperm"], "403 4000 Permission denied: Resource type: agent:id dapi", nil},
		{put, "/agents/restart", tok["noperm"], "200 error=0 total=0 items=[] failed=[] " + none, nil},
		{put, "/agents/restart?agents_list=all", e.admin, "400 0 'all' is not a 'numbers'", nil},
		{put, "/agents/restart?agents_list=001&status=active", e.admin, "400 0 Extra query parameter(s) status not in spec", nil},
		// One agent: failures are items of an error 1 result.
		{put, "/agents/004/restart", e.admin, "200 error=0 total=1 items=[004] failed=[] " + sent, []string{legacy}},
		{put, "/agents/002/restart", e.admin, "200 error=1 total=0 items=[] failed=[1707:[002]] " + none, nil},
		{put, "/agents/000/restart", e.admin, "200 error=1 total=0 items=[] failed=[1703:[000]] " + none, nil},
		{put, "/agents/999/restart", e.admin, "200 error=1 total=0 items=[] failed=[1701:[999]] " + none, nil},
		{put, "/agents/004/restart", tok["restarter"], "403 4000 Permission denied: Resource type: agent:id dapi", nil},
		{put, "/agents/4/restart", e.admin, "400 0 '4' is too short. Failed validating 'minLength' in schema: ", nil},
		{put, "/agents/0x4/restart", e.admin, "400 0 '0x4' is not a 'numbers'. Failed validating 'format' in schema: ", nil},
		// Reconnect.
		{put, "/agents/reconnect?agents_list=001,002,000,999", e.admin, "200 error=2 total=1 items=[001] failed=[1701:[999] 1703:[000] 1707:[002]] Force reconnect command was not sent to some agents",
			[]string{reconnect("001")}},
		{put, "/agents/reconnect", e.admin, "200 error=0 total=2 items=[001 004] failed=[] Force reconnect command was sent to all agents", []string{reconnect("001"), reconnect("004")}},
		{put, "/agents/reconnect?agents_list=001,004", tok["restarter"], "200 error=2 total=1 items=[001] failed=[4000:[004]] Force reconnect command was not sent to some agents", []string{reconnect("001")}},
		{put, "/agents/reconnect?agents_list=004", tok["noperm"], "403 4000 Permission denied: Resource type: agent:id dapi", nil},
		{put, "/agents/reconnect", tok["noperm"], "200 error=0 total=0 items=[] failed=[] Force reconnect command was not sent to any agent", nil},
		{put, "/agents/reconnect?agents_list=001,x", e.admin, "400 0 'x' is too short. Failed validating 'minLength' in schema['items']", nil},
		// Group restart: the group's agents as an explicit list.
		{put, "/agents/group/dmz/restart", e.admin, "200 error=2 total=1 items=[001] failed=[1707:[003]] " + some, []string{agRestartMsg("001")}},
		{put, "/agents/group/quiet/restart", e.admin, "200 error=0 total=0 items=[] failed=[] " + none, nil},
		{put, "/agents/group/dmz/restart", tok["grouper"], "200 error=1 total=0 items=[] failed=[1707:[003] 4000:[001]] " + none, nil},
		{put, "/agents/group/quiet/restart", tok["grouper"], "403 4000 Permission denied: Resource type: group:id dapi", nil},
		{put, "/agents/group/dmz/restart", tok["noperm"], "403 4000 Permission denied: Resource type: agent:id dapi", nil},
		{put, "/agents/group/nope/restart", e.admin, "404 1710 The group does not exist dapi", nil},
		{put, "/agents/group/all/restart", e.admin, "400 0 'all' is not a 'group_names'", nil},
		{put, "/agents/group/a%24b/restart", e.admin, "400 0 'a$b' is not a 'group_names'", nil},
		// Standalone: the controller raises 3013 before the DAPI.
		{put, "/agents/node/node01/restart", e.admin, "400 3013 Cluster is not running, it might be disabled in `WAZUH_HOME/etc/ossec.conf`", nil},
		{put, "/agents/node/a%2Cb/restart", e.admin, "400 0 'a,b' is not a 'names'", nil},
	})
	// api-surface.md §2.3, byte for byte.
	status, body := e.call(t, put, "/agents/restart?agents_list=001,002,999", e.admin, "")
	want := "{\"data\": {\"affected_items\": [\"001\"], \"total_affected_items\": 1, \"total_failed_items\": 2, \"failed_items\": [{\"error\": {\"code\": 1701, \"message\": \"Agent does not exist\", \"remediation\": \"Please, use `GET /agents?select=id,name` to find all available agents\"}, \"id\": [\"999\"]}, {\"error\": {\"code\": 1707, \"message\": \"Cannot send request, agent is not active\", \"remediation\": \"Please, check non-active agents connection and try again. Visit https://documentation.wazuh.com/4.14/user-manual/registering/index.html and https://documentation.wazuh.com/4.14/user-manual/agents/agent-connection.html to obtain more information on registering and connecting agents\"}, \"id\": [\"002\"]}]}, \"message\": \"Restart command was not sent to some agents\", \"error\": 2}"
	if status != 200 || body != want {
		t.Errorf("§2.3 example:\n got %d %s\nwant %s", status, body, want)
	}
	e.arMessages(t, 1)
	// 3013 is raised by the controller: no dapi_errors (api-surface.md §3).
	status, body = e.call(t, put, "/agents/node/node01/restart", e.admin, "")
	if want := "{\"title\": \"Bad Request\", \"detail\": \"Cluster is not running, it might be disabled in `WAZUH_HOME/etc/ossec.conf`\", \"error\": 3013}"; status != 400 || body != want {
		t.Errorf("3013:\n got %d %s\nwant %s", status, body, want)
	}
}
