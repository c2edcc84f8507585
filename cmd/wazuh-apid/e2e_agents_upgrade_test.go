package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// agUpgradeFailures maps each failed id to "<code> <message>" and checks
// the envelope around them.
func agUpgradeFailures(t *testing.T, label string, status int, body, head string) map[string]string {
	t.Helper()
	if got := agSummary(t, status, body); !strings.HasPrefix(got, head) {
		t.Errorf("%s:\n got %s\nwant %s", label, got, head)
	}
	var r agResult
	_ = json.Unmarshal([]byte(body), &r)
	out := map[string]string{}
	for _, f := range r.Data.Failed {
		for _, id := range f.ID {
			out[id.(string)] = itoa(f.Error.Code) + " " + f.Error.Message
		}
	}
	return out
}

// agModuleError reports whether got is an upgrade-module failure (codes
// 1810-1899, the module's message, api-surface.md §6) with message msg.
func agModuleError(got, msg string) bool {
	code, text, _ := strings.Cut(got, " ")
	return len(code) == 4 && code >= "1811" && code <= "1899" && text == msg
}

// PUT /agents/upgrade, /agents/upgrade_custom and GET /agents/upgrade_result:
// without WPK packages every eligible agent fails in the upgrade module
// (inactive agents first); 1701/1703/1731 and 4000 items; the latest
// upgrade task of tasks.db (1813 without one); RBAC and bad input.
func TestAgentsE2EUpgrade(t *testing.T) {
	e := agStart(t, "")
	for _, n := range []string{"web01", "web02", "web03"} {
		e.register(t, n)
	}
	e.connect(t, "Wazuh v4.9.0", "1", "3")
	if r := e.wdb(t, "task sql INSERT INTO tasks (agent_id, node, module, command, create_time, last_update_time, status, error_message) "+
		"VALUES (1, 'node01', 'upgrade_module', 'upgrade', 1700000000, 1700000100, 'Failed', 'The version of the WPK does not exist in the repository')"); !strings.HasPrefix(r, "ok") {
		t.Fatalf("insert task: %s", r)
	}
	tok := e.users(t, map[string][]agPolicy{
		"upgrader": {agAllow("agent:upgrade", "agent:id:001", "agent:id:002")},
		"noperm":   {agAllow("agent:read", "agent:id:*")},
	})
	put, get := http.MethodPut, http.MethodGet
	noneMsg := "No upgrade task was created"

	s, b := e.call(t, put, "/agents/upgrade?agents_list=001,002,000,999", e.admin, "")
	f := agUpgradeFailures(t, "upgrade", s, b, "200 error=1 total=0 items=[] ")
	if len(f) != 4 || f["999"] != "1701 Agent does not exist" || f["000"] != "1703 Action not available for Manager (agent 000)" ||
		!agModuleError(f["002"], "Agent is not active") || !agModuleError(f["001"], "The repository is not reachable") || !strings.HasSuffix(b, `"message": "`+noneMsg+`", "error": 1}`) {
		t.Errorf("upgrade: %v %s", f, b)
	}
	s, b = e.call(t, put, "/agents/upgrade_custom?agents_list=001,002&file_path=/var/ossec/wpk/agent.wpk&installer=upgrade.sh", e.admin, "")
	f = agUpgradeFailures(t, "upgrade_custom", s, b, "200 error=1 total=0 items=[] ")
	if len(f) != 2 || !agModuleError(f["002"], "Agent is not active") || !agModuleError(f["001"], "The WPK file does not exist") {
		t.Errorf("upgrade_custom: %v %s", f, b)
	}
	s, b = e.call(t, put, "/agents/upgrade?agents_list=001,003&os.platform=windows&q=name~web", e.admin, "")
	f = agUpgradeFailures(t, "filters", s, b, "200 error=1 total=0 items=[] ")
	const notMet = "1731 Agent is not eligible for the action to be performed: some of the requirements are not met -> os.platform: windows"
	if len(f) != 2 || !strings.HasPrefix(f["001"], notMet) || !strings.HasSuffix(f["003"], ", q: name~web") {
		t.Errorf("filters: %v %s", f, b)
	}
	s, b = e.call(t, put, "/agents/upgrade?agents_list=001,003", tok["upgrader"], "")
	f = agUpgradeFailures(t, "partly denied", s, b, "200 error=1 total=0 items=[] ")
	if len(f) != 2 || f["003"] != "4000 Permission denied: Resource type: agent:id" || !agModuleError(f["001"], "The repository is not reachable") {
		t.Errorf("partly denied: %v %s", f, b)
	}
	e.agRun(t, []agCase{
		// "all" drops 1703 and 1731 (exclude_codes); nothing is permitted: none_msg.
		{put, "/agents/upgrade?agents_list=all", tok["noperm"], "", "200 error=0 total=0 items=[] failed=[] " + noneMsg},
		{put, "/agents/upgrade?agents_list=all&name=nobody", e.admin, "", "200 error=0 total=0 items=[] failed=[] " + noneMsg},
		{put, "/agents/upgrade?agents_list=003", tok["upgrader"], "", "403 4000 Permission denied: Resource type: agent:id dapi"},
		{put, "/agents/upgrade_custom?agents_list=001&file_path=/tmp/a.wpk", tok["noperm"], "", "403 4000 Permission denied: Resource type: agent:id dapi"},
		{put, "/agents/upgrade", e.admin, "", "400 0 Missing query parameter 'agents_list'"},
		{put, "/agents/upgrade?agents_list=001&upgrade_version=4.x", e.admin, "", "400 0 '4.x' is not a 'wazuh_version'"},
		{put, "/agents/upgrade?agents_list=001&package_type=msi", e.admin, "", "400 0 'msi' is not one of ['rpm', 'deb']"},
		{put, "/agents/upgrade?agents_list=001&wpk_repo=../repo", e.admin, "", "400 0 '../repo' is not a 'path'"},
		{put, "/agents/upgrade?agents_list=001&force=maybe", e.admin, "", "400 0 'maybe' is not of type 'boolean'"},
		{put, "/agents/upgrade?agents_list=001&q=bogus%3D1", e.admin, "", "400 1408 Field does not exist"},
		{put, "/agents/upgrade_custom?agents_list=001", e.admin, "", "400 0 Missing query parameter 'file_path'"},
		{put, "/agents/upgrade_custom?agents_list=001&file_path=agent.wpk", e.admin, "", "400 0 'agent.wpk' is not a 'wpk_path'"},
		{put, "/agents/upgrade_custom?agents_list=001&file_path=/tmp/agent.zip", e.admin, "", "400 0 '/tmp/agent.zip' is not a 'wpk_path'"},
		{put, "/agents/upgrade_custom?agents_list=001&file_path=/tmp/a.wpk&use_http=true", e.admin, "", "400 0 Extra query parameter(s) use_http not in spec"},
		// Upgrade results: the agent's latest upgrade_module task.
		{get, "/agents/upgrade_result?agents_list=001", e.admin, "", "200 error=0 total=1 items=[001] failed=[] All upgrade tasks were returned"},
		{get, "/agents/upgrade_result?agents_list=001,003,999", e.admin, "", "200 error=2 total=1 items=[001] failed=[1701:[999] 1813:[003]] Some upgrade tasks were not returned"},
		{get, "/agents/upgrade_result", e.admin, "", "200 error=0 total=1 items=[001] failed=[] All upgrade tasks were returned"},
		{get, "/agents/upgrade_result?agents_list=001,003", tok["upgrader"], "", "200 error=2 total=1 items=[001] failed=[4000:[003]] Some upgrade tasks were not returned"},
		{get, "/agents/upgrade_result", tok["noperm"], "", "200 error=0 total=0 items=[] failed=[] No upgrade task was returned"},
		{get, "/agents/upgrade_result?agents_list=003", tok["noperm"], "", "403 4000 Permission denied: Resource type: agent:id dapi"},
		{get, "/agents/upgrade_result?agents_list=1", e.admin, "", "400 0 '1' is too short"},
		{get, "/agents/upgrade_result?agents_list=001&q=id%3E%3D1", e.admin, "", "400 1409 Invalid query operator"},
	})
	// The task's fields (data-layer.md §4.7).
	_, b = e.call(t, get, "/agents/upgrade_result?agents_list=001", e.admin, "")
	if !strings.HasPrefix(b, `{"data": {"affected_items": [{"agent": "001", "task_id": 1, "node": "node01", "module": "upgrade_module", "command": "upgrade", "status": "Failed", "error_msg": "The version of the WPK does not exist in the repository", "create_time": "2023-11-14T22:13:20`) {
		t.Errorf("task: %s", b)
	}
	// No task was created by the failed upgrades.
	if r := e.wdb(t, "task sql SELECT COUNT(*) AS n FROM tasks"); r != `ok [{"n":1}]` {
		t.Errorf("tasks: %s", r)
	}
}
