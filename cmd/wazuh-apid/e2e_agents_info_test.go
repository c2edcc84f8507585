package main

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// agSummaryData decodes the data of GET /agents/summary.
func agSummaryData(t *testing.T, status int, body string) map[string]map[string]int {
	t.Helper()
	var r struct {
		Data  map[string]map[string]int `json:"data"`
		Error *int                      `json:"error"`
	}
	if status != 200 || json.Unmarshal([]byte(body), &r) != nil || r.Error == nil || *r.Error != 0 {
		t.Fatalf("summary: %d %s", status, body)
	}
	return r.Data
}

// GET /agents/summary, /agents/summary/os, /agents/summary/status,
// /agents/{id}/key, /agents/{id}/group/is_sync and /agents/uninstall: the
// counts (000 excluded) over the agents the caller may read, keys equal to
// client.keys, 1701/1703 failed items, RBAC and bad input.
func TestAgentsE2EInformation(t *testing.T) {
	e := agStart(t, "")
	for _, n := range []string{"web01", "web02", "web03", "db01", "db02"} {
		e.register(t, n)
	}
	e.connect(t, "Wazuh v4.14.7", "1", "2", "4")
	e.sql(t, "UPDATE agent SET os_platform = 'centos', os_name = 'CentOS Linux' WHERE id = 4")
	e.sql(t, "UPDATE agent SET connection_status = 'disconnected' WHERE id = 2")
	e.sql(t, "UPDATE agent SET connection_status = 'pending', group_config_status = 'synced' WHERE id = 3")
	e.sql(t, "UPDATE agent SET group_config_status = 'synced' WHERE id IN (0, 1)")
	e.group(t, "dmz")
	if s, b := e.call(t, http.MethodPut, "/agents/group?agents_list=001,002,004&group_id=dmz", e.admin, ""); s != 200 {
		t.Fatalf("assign: %d %s", s, b)
	}
	if s, b := e.call(t, http.MethodPut, "/agents/group?agents_list=001&group_id=default", e.admin, ""); s != 200 {
		t.Fatalf("assign: %d %s", s, b)
	}
	tok := e.users(t, map[string][]agPolicy{
		"reader":    {agAllow("agent:read", "agent:id:001", "agent:id:003"), agDeny("agent:uninstall", "*:*:*")},
		"noread":    nil,
		"uninstall": {agAllow("agent:uninstall", "*:*:*")},
	})
	get := http.MethodGet

	// Summaries.
	s, b := e.call(t, get, "/agents/summary", e.admin, "")
	all := agSummaryData(t, s, b)
	want := map[string]map[string]int{"status": {"active": 2, "disconnected": 1, "never_connected": 1, "pending": 1},
		"os": {"ubuntu": 2, "centos": 1}, "groups": {"dmz": 3, "default": 1}}
	if !reflect.DeepEqual(all, want) {
		t.Errorf("summary: %v, want %v", all, want)
	}
	s, b = e.call(t, get, "/agents/summary?agents_list=001,002,999,000", e.admin, "")
	want = map[string]map[string]int{"status": {"active": 1, "disconnected": 1, "never_connected": 0, "pending": 0},
		"os": {"ubuntu": 2}, "groups": {"dmz": 2, "default": 1}}
	if got := agSummaryData(t, s, b); !reflect.DeepEqual(got, want) {
		t.Errorf("summary of 001,002: %v, want %v", got, want)
	}
	s, b = e.call(t, get, "/agents/summary", tok["reader"], "")
	want = map[string]map[string]int{"status": {"active": 1, "disconnected": 0, "never_connected": 0, "pending": 1},
		"os": {"ubuntu": 1}, "groups": {"dmz": 1, "default": 1}}
	if got := agSummaryData(t, s, b); !reflect.DeepEqual(got, want) {
		t.Errorf("summary as reader: %v, want %v", got, want)
	}
	noneSummary := `{"data": {"status": {"active": 0, "disconnected": 0, "never_connected": 0, "pending": 0}, "os": {}, "groups": {}}, "error": 0}`
	noneStatus := `{"data": {"connection": {"active": 0, "disconnected": 0, "never_connected": 0, "pending": 0, "total": 0}, "configuration": {"synced": 0, "not_synced": 0, "total": 0}}, "error": 0}`
	e.agRun(t, []agCase{
		{get, "/agents/summary", tok["noread"], "", noneSummary},
		{get, "/agents/summary?agents_list=002", tok["reader"], "", "403 4000 Permission denied: Resource type: agent:id dapi"},
		{get, "/agents/summary?agents_list=2", e.admin, "", "400 0 '2' is too short"},
		{get, "/agents/summary/status", e.admin, "", `{"data": {"connection": {"active": 2, "disconnected": 1, "never_connected": 1, "pending": 1, "total": 5}, "configuration": {"synced": 2, "not_synced": 3, "total": 5}}, "error": 0}`},
		{get, "/agents/summary/status", tok["reader"], "", `{"data": {"connection": {"active": 1, "disconnected": 0, "never_connected": 0, "pending": 1, "total": 2}, "configuration": {"synced": 2, "not_synced": 0, "total": 2}}, "error": 0}`},
		{get, "/agents/summary/status", tok["noread"], "", noneStatus},
		{get, "/agents/summary/status?agents_list=001", e.admin, "", "400 0 Extra query parameter(s) agents_list not in spec"},
		{get, "/agents/summary/os", e.admin, "", `{"data": {"affected_items": ["centos", "ubuntu"], "total_affected_items": 2, "total_failed_items": 0, "failed_items": []}, "message": "Showing the operative system of all specified agents", "error": 0}`},
		{get, "/agents/summary/os", tok["reader"], "", "200 error=0 total=1 items=[ubuntu] failed=[] Showing the operative system of all specified agents"},
		{get, "/agents/summary/os", tok["noread"], "", "200 error=0 total=0 items=[] failed=[] Could not get the operative system of the agents"},
		{get, "/agents/summary/os?pretty=maybe", e.admin, "", "400 0 'maybe' is not of type 'boolean'"},
		// Keys.
		{get, "/agents/000/key", e.admin, "", "200 error=1 total=0 items=[] failed=[1703:[000]] No agent keys were obtained"},
		{get, "/agents/999/key", e.admin, "", "200 error=1 total=0 items=[] failed=[1701:[999]] No agent keys were obtained"},
		{get, "/agents/002/key", tok["reader"], "", "403 4000 Permission denied: Resource type: agent:id dapi"},
		{get, "/agents/0a1/key", e.admin, "", "400 0 '0a1' is not a 'numbers'"},
		// Group sync (deprecated).
		{get, "/agents/001/group/is_sync", e.admin, "", `{"data": {"affected_items": [{"id": "001", "synced": true}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "Sync info was returned for all selected agents", "error": 0}`},
		{get, "/agents/002/group/is_sync", e.admin, "", `{"data": {"affected_items": [{"id": "002", "synced": false}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "Sync info was returned for all selected agents", "error": 0}`},
		{get, "/agents/999/group/is_sync", e.admin, "", "200 error=1 total=0 items=[] failed=[1701:[999]] No sync info was returned"},
		{get, "/agents/000/group/is_sync", e.admin, "", "200 error=1 total=0 items=[] failed=[1703:[000]] No sync info was returned"},
		{get, "/agents/002/group/is_sync", tok["reader"], "", "403 4000 Permission denied: Resource type: agent:id dapi"},
		{get, "/agents/12/group/is_sync", e.admin, "", "400 0 '12' is too short"},
		// Uninstall permission: resourceless agent:uninstall.
		{get, "/agents/uninstall", tok["uninstall"], "", `{"message": "User has permission to uninstall agents", "error": 0}`},
		{get, "/agents/uninstall", tok["reader"], "", "403 4000 Permission denied: Resource type: *:* dapi"},
		{get, "/agents/uninstall", tok["noread"], "", "403 4000 Permission denied: Resource type: *:* dapi"},
		{get, "/agents/uninstall?agents_list=001", e.admin, "", "400 0 Extra query parameter(s) agents_list not in spec"},
	})
	// The key is base64 of the agent's client.keys line.
	keys, _ := os.ReadFile(filepath.Join(e.root, "etc", "client.keys"))
	s, b = e.call(t, get, "/agents/003/key", tok["reader"], "")
	var r struct {
		Data struct {
			Items []struct{ ID, Key string } `json:"affected_items"`
		} `json:"data"`
	}
	_ = json.Unmarshal([]byte(b), &r)
	if s != 200 || len(r.Data.Items) != 1 || r.Data.Items[0].ID != "003" {
		t.Fatalf("key of 003: %d %s", s, b)
	}
	line, _ := base64.StdEncoding.DecodeString(r.Data.Items[0].Key)
	if !strings.HasPrefix(string(line), "003 web03 any ") || !strings.Contains(string(keys), "\n"+string(line)+"\n") {
		t.Errorf("key of 003 %q not in client.keys %q", line, keys)
	}
	// Deprecated operations say so.
	status, hdr, _ := e.send(t, get, "/agents/001/group/is_sync", e.admin, "", nil, false)
	if status != 200 || hdr.Get("Deprecated") != "true" {
		t.Errorf("is_sync headers: %d %v", status, hdr)
	}
}
