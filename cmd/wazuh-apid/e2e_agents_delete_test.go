package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// DELETE /agents through the embedded authd: deletions (client.keys keeps
// "!name" lines unless purge), 1701/1703/1731 failed items, the default
// older_than=7d (api-surface.md §9.10), the "all" mode that drops those
// failures, RBAC (4000 items, 403, silent filtering) and bad input.
func TestAgentsE2EDelete(t *testing.T) {
	e := agStart(t, "")
	for _, n := range []string{"web01", "web02", "web03", "web04", "web05", "web06", "web07"} {
		e.register(t, n)
	}
	tok := e.users(t, map[string][]agPolicy{
		"deleter": {agAllow("agent:delete", "agent:id:004", "agent:id:005")},
		"noperm":  {agAllow("agent:read", "agent:id:*")},
	})
	del := http.MethodDelete
	const notMet = "1731 Agent is not eligible for the action to be performed: some of the requirements are not met -> "
	e.agRun(t, []agCase{
		{del, "/agents?agents_list=001&status=all&older_than=0s&purge=true", e.admin, "", "200 error=0 total=1 items=[001] failed=[] All selected agents were deleted"},
		{del, "/agents?agents_list=002,003,999,000&status=all,never_connected&older_than=0s", e.admin, "", "200 error=2 total=2 items=[002 003] failed=[1701:[999] 1703:[000]] Some agents were not deleted"},
		// Fresh agents are not older than the default 7d: 1731.
		{del, "/agents?agents_list=006&status=all", e.admin, "", "200 error=1 total=0 items=[] failed=[1731:[006]] No agents were deleted"},
		{del, "/agents?agents_list=006,007&status=active&older_than=0s", e.admin, "", "200 error=1 total=0 items=[] failed=[1731:[006 007]] No agents were deleted"},
		// "all" drops 1701/1703/1731 (exclude_codes).
		{del, "/agents?agents_list=all&status=all", e.admin, "", "200 error=0 total=0 items=[] failed=[] No agents were deleted"},
		// RBAC: partly denied ids are 4000 items; "all" is filtered.
		{del, "/agents?agents_list=004,006&status=all&older_than=0s", tok["deleter"], "", "200 error=2 total=1 items=[004] failed=[4000:[006]] Some agents were not deleted"},
		{del, "/agents?agents_list=all&status=all&older_than=0s", tok["deleter"], "", "200 error=0 total=1 items=[005] failed=[] All selected agents were deleted"},
		{del, "/agents?agents_list=006&status=all&older_than=0s", tok["noperm"], "", "403 4000 Permission denied: Resource type: agent:id dapi"},
		{del, "/agents?agents_list=all&status=all&older_than=0s", tok["noperm"], "", "200 error=0 total=0 items=[] failed=[] No agents were deleted"},
		// Bad input.
		{del, "/agents?agents_list=006", e.admin, "", "400 0 Missing query parameter 'status'"},
		{del, "/agents?status=all", e.admin, "", "400 0 Missing query parameter 'agents_list'"},
		{del, "/agents?agents_list=006&status=gone", e.admin, "", "400 0 'gone' is not one of ['all', 'active', 'pending', 'never_connected', 'disconnected']"},
		{del, "/agents?agents_list=006&status=all&older_than=1w", e.admin, "", "400 0 '1w' is not a 'timeframe'"},
		{del, "/agents?agents_list=006&status=all&purge=maybe", e.admin, "", "400 0 'maybe' is not of type 'boolean'"},
		{del, "/agents?agents_list=6&status=all", e.admin, "", "400 0 '6' is too short. Failed validating 'minLength' in schema['items']"},
		{del, "/agents?agents_list=006&status=all&q=bogus%3D1", e.admin, "", "400 1408 Field does not exist"},
		// The eligibility query runs for any explicit list, even of unknown ids.
		{del, "/agents?agents_list=999&status=all&q=name%3C%3Dx", e.admin, "", "400 1409 Invalid query operator"},
		{del, "/agents?agents_list=006&status=all&group=all", e.admin, "", "400 0 'all' is not a 'group_names'"},
	})
	// The 1731 message lists the filters as the controller's dict, q last.
	status, body := e.call(t, del, "/agents?agents_list=006&status=active,pending&older_than=1h&name=web06&q=id%3D6", e.admin, "")
	want := notMet + "status: ['active', 'pending'], older_than: 1h, os.platform: None, os.version: None, os.name: None, manager: None, version: None, group: None, node_name: None, name: web06, ip: None, registerIP: None, q: id=6"
	if got := agFailedMessages(t, body); status != 200 || len(got) != 1 || got[0] != want {
		t.Errorf("1731:\n got %d %q\nwant %q", status, got, want)
	}
	keys, err := os.ReadFile(filepath.Join(e.root, "etc", "client.keys"))
	lines := strings.Split(strings.TrimSpace(string(keys)), "\n")
	if err != nil || len(lines) != 6 || !strings.HasPrefix(lines[0], "002 !web02 any ") || !strings.HasPrefix(lines[4], "006 web06 any ") {
		t.Errorf("client.keys: %q %v", keys, err)
	}
	status, body = e.call(t, http.MethodGet, "/agents?q=id!%3D000&select=name", e.admin, "")
	if got := agSummary(t, status, body); !strings.HasPrefix(got, "200 error=0 total=2 items=[006 007]") {
		t.Errorf("remaining agents: %s", got)
	}
}
