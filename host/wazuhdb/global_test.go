package wazuhdb

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

func sha8(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:4])
}

func TestAgentLifecycleCommands(t *testing.T) {
	root := newRoot(t)
	s := startServer(t, root)
	mustOK(t, s, `global insert-agent {"id":1,"name":"web-1","ip":"any","register_ip":"any","internal_key":"abc","date_add":1700000000}`)
	if _, err := os.Stat(s.store.agentDBPath(1)); err != nil {
		t.Errorf("agent database not created: %v", err)
	}
	if got := query(t, s, `global insert-agent {"id":1,"name":"dup","date_add":1}`); got != "err Cannot execute SQL query" {
		t.Errorf("duplicate id: %s", got)
	}
	info := mustOK(t, s, "global get-agent-info 1")
	want := `[{"id":1,"name":"web-1","ip":"any","register_ip":"any","internal_key":"abc","node_name":"unknown","date_add":1700000000,"group_sync_status":"synced","sync_status":"synced","connection_status":"never_connected","disconnection_time":0,"group_config_status":"not synced","status_code":0}]`
	if info != want {
		t.Errorf("get-agent-info\n got  %s\n want %s", info, want)
	}
	checks := map[string]string{
		"global select-agent-name 1":                         `[{"name":"web-1"}]`,
		"global select-agent-group 1":                        `[{}]`,
		`global find-agent {"name":"web-1","ip":"any"}`:      `[{"id":1}]`,
		`global find-agent {"name":"web-1","ip":"10.0.0.1"}`: `[]`,
		"global get-agent-info 42":                           `[]`,
	}
	for req, want := range checks {
		if got := mustOK(t, s, req); got != want {
			t.Errorf("%s = %s, want %s", req, got, want)
		}
	}
	mustOK(t, s, `global update-agent-name {"id":1,"name":"web-01"}`)
	mustOK(t, s, `global update-agent-data {"id":1,"os_name":"Ubuntu","os_platform":"ubuntu","version":"Wazuh v4.14.7","agent_ip":"10.0.0.5","node_name":"node01","connection_status":"active","sync_status":"syncreq","group_config_status":"synced","labels":"env:prod\n#\"_agent_ip\":10.0.0.5"}`)
	mustOK(t, s, `global update-keepalive {"id":1,"connection_status":"active","sync_status":"synced","status_code":0}`)
	got := mustOK(t, s, "global sql SELECT name, ip, os_name, version, connection_status, last_keepalive > 0 AS alive FROM agent WHERE id = 1")
	if got != `[{"name":"web-01","ip":"10.0.0.5","os_name":"Ubuntu","version":"Wazuh v4.14.7","connection_status":"active","alive":1}]` {
		t.Errorf("after updates: %s", got)
	}
	if got := mustOK(t, s, "global get-labels 1"); got != `[{"id":1,"key":"#\"_agent_ip\"","value":"10.0.0.5"},{"id":1,"key":"env","value":"prod"}]` {
		t.Errorf("labels: %s", got)
	}
	mustOK(t, s, `global update-connection-status {"id":1,"connection_status":"disconnected","sync_status":"syncreq","status_code":3}`)
	if got := mustOK(t, s, "global sql SELECT connection_status, status_code, disconnection_time > 0 AS stamped FROM agent WHERE id = 1"); got != `[{"connection_status":"disconnected","status_code":3,"stamped":1}]` {
		t.Errorf("disconnected: %s", got)
	}
	mustOK(t, s, `global set-agent-groups {"mode":"append","sync_status":"synced","data":[{"id":1,"groups":["default"]}]}`)
	mustOK(t, s, "global delete-agent 1")
	if got := mustOK(t, s, "global sql SELECT (SELECT count(*) FROM agent WHERE id = 1) + (SELECT count(*) FROM belongs) + (SELECT count(*) FROM labels) AS n"); got != `[{"n":0}]` {
		t.Errorf("delete-agent left rows: %s", got)
	}
}

func TestSetAgentGroups(t *testing.T) {
	s := startServer(t, newRoot(t))
	seedAgents(t, s, 3)
	set := func(mode string, id int, groups ...string) string {
		g, _ := json.Marshal(groups)
		return query(t, s, fmt.Sprintf(`global set-agent-groups {"mode":%q,"sync_status":"syncreq","data":[{"id":%d,"groups":%s}]}`, mode, id, g))
	}
	state := func(id int) string {
		return mustOK(t, s, fmt.Sprintf("global sql SELECT `group`, group_hash, group_sync_status FROM agent WHERE id = %d", id))
	}
	row := func(csv string) string {
		return fmt.Sprintf(`[{"group":%q,"group_hash":%q,"group_sync_status":"syncreq"}]`, csv, sha8(csv))
	}
	steps := []struct {
		mode   string
		id     int
		groups []string
		reply  string
		state  string
	}{
		{"append", 1, []string{"default", "g1"}, "ok", row("default,g1")},
		{"append", 1, []string{"g2"}, "ok", row("default,g1,g2")},
		{"append", 1, []string{"g1", "g3"}, "err An error occurred during the set of the groups", row("default,g1,g2,g3")},
		{"override", 1, []string{"g3", "default"}, "ok", row("g3,default")},
		{"remove", 1, []string{"g3", "default"}, "ok", row("default")},
		{"empty_only", 1, []string{"g9"}, "ok", row("default")},
		{"empty_only", 2, []string{"g9"}, "ok", row("g9")},
		{"override", 2, []string{}, "ok", `[{"group_sync_status":"syncreq"}]`},
		{"append", 3, []string{"bad,name"}, "err An error occurred during the set of the groups", `[{"group":"default","group_sync_status":"synced"}]`},
		{"append", 99, []string{"g1"}, "err An error occurred during the set of the groups", `[]`},
	}
	for i, st := range steps {
		if got := set(st.mode, st.id, st.groups...); got != st.reply {
			t.Errorf("step %d %s %v: reply %s, want %s", i, st.mode, st.groups, got, st.reply)
		}
		if got := state(st.id); got != st.state {
			t.Errorf("step %d %s %v: state %s, want %s", i, st.mode, st.groups, got, st.state)
		}
	}
	if sha8("default") != "37a8eec1" {
		t.Errorf("hash of default = %s", sha8("default"))
	}
	if got := mustOK(t, s, "global select-group-belong 2"); got != `[]` {
		t.Errorf("select-group-belong 2 = %s", got)
	}
	if got := query(t, s, `global set-agent-groups {"mode":"sideways","data":[]}`); got != "err Invalid mode 'sideways' in set_agent_groups command" {
		t.Errorf("bad mode: %s", got)
	}
	if got := query(t, s, `global set-agent-groups {"data":[]}`); got != "err Invalid JSON data, missing required fields" {
		t.Errorf("no mode: %s", got)
	}
	if got := mustOK(t, s, "global find-group g9"); !strings.HasPrefix(got, `[{"id":`) {
		t.Errorf("group created on assignment: %s", got)
	}
}

func TestDeleteGroupFallsBackToDefault(t *testing.T) {
	s := startServer(t, newRoot(t))
	seedAgents(t, s, 2)
	mustOK(t, s, "global insert-agent-group default")
	mustOK(t, s, "global insert-agent-group ops")
	mustOK(t, s, `global set-agent-groups {"mode":"override","sync_status":"synced","data":[{"id":1,"groups":["ops"]},{"id":2,"groups":["default","ops"]}]}`)
	mustOK(t, s, "global delete-group ops")
	got := mustOK(t, s, "global sql SELECT id, `group`, group_sync_status FROM agent WHERE id > 0")
	if got != `[{"id":1,"group":"default","group_sync_status":"syncreq"},{"id":2,"group":"default","group_sync_status":"syncreq"}]` {
		t.Errorf("after delete-group: %s", got)
	}
	if got := mustOK(t, s, "global select-groups"); got != `[{"name":"default"}]` {
		t.Errorf("groups: %s", got)
	}
}

// seedGroupMembers puts agents 1..n in group g with plain SQL.
func seedGroupMembers(t *testing.T, s *Server, n int, g string) {
	mustOK(t, s, "global insert-agent-group "+g)
	mustOK(t, s, fmt.Sprintf("global sql INSERT INTO belongs (id_agent, id_group, priority) SELECT id, (SELECT id FROM `group` WHERE name = '%s'), 0 FROM agent WHERE id BETWEEN 1 AND %d", g, n))
	mustOK(t, s, fmt.Sprintf("global sql UPDATE agent SET `group` = '%s', group_hash = '%s', group_sync_status = 'syncreq' WHERE id BETWEEN 1 AND %d", g, sha8(g), n))
}

// collectIDs follows "due" replies of a last_id command.
func collectIDs(t *testing.T, s *Server, format string, start int) ([]int, int) {
	t.Helper()
	var all []int
	last, chunks := start, 0
	for {
		r := query(t, s, fmt.Sprintf(format, last))
		status, payload, _ := strings.Cut(r, " ")
		var ids []int
		if err := json.Unmarshal([]byte(payload), &ids); err != nil || (status != "ok" && status != "due") {
			t.Fatalf("reply %.100s", r)
		}
		if len(r) > maxSized+4 {
			t.Fatalf("chunk of %d bytes", len(r))
		}
		chunks++
		all = append(all, ids...)
		if status == "ok" {
			return all, chunks
		}
		last = ids[len(ids)-1]
	}
}

func TestDuePaging(t *testing.T) {
	s := startServer(t, newRoot(t))
	seedAgents(t, s, 14000)
	seedGroupMembers(t, s, 14000, "big")
	ids, chunks := collectIDs(t, s, "global get-group-agents big last_id %d", 0)
	if len(ids) != 14000 || chunks < 2 || ids[0] != 1 || ids[13999] != 14000 {
		t.Errorf("get-group-agents: %d ids in %d chunks", len(ids), chunks)
	}
	ids, chunks = collectIDs(t, s, "global get-all-agents last_id %d", -1)
	if len(ids) != 14001 || ids[0] != 0 || chunks < 2 {
		t.Errorf("get-all-agents: %d ids in %d chunks", len(ids), chunks)
	}
	ids, _ = collectIDs(t, s, "global get-agents-by-connection-status %d never_connected", 0)
	if len(ids) != 14000 {
		t.Errorf("by status: %d ids", len(ids))
	}
	mustOK(t, s, "global sql UPDATE agent SET node_name = 'w1' WHERE id <= 10")
	if got := mustOK(t, s, "global get-agents-by-connection-status 0 never_connected w1 3"); got != "[1,2,3]" {
		t.Errorf("by status and node: %s", got)
	}

	// sync-agent-groups-get with set_synced advances by itself: asking
	// again while "due" drains the pending agents, and the hash comes last.
	var synced int
	var hash string
	for i := 0; ; i++ {
		r := query(t, s, `global sync-agent-groups-get {"condition":"sync_status","set_synced":true,"get_global_hash":true}`)
		status, payload, _ := strings.Cut(r, " ")
		var out []struct {
			Data []struct {
				ID     int      `json:"id"`
				Groups []string `json:"groups"`
			} `json:"data"`
			Hash string `json:"hash"`
		}
		if err := json.Unmarshal([]byte(payload), &out); err != nil || len(out) != 1 || i > 20 {
			t.Fatalf("reply %.200s: %v", r, err)
		}
		synced += len(out[0].Data)
		if status == "ok" {
			hash = out[0].Hash
			break
		}
		if out[0].Hash != "" {
			t.Error("hash sent before the last chunk")
		}
	}
	hashes := strings.Repeat(sha8("big"), 14000)
	sum := sha1.Sum([]byte(hashes))
	if synced != 14000 || hash != hex.EncodeToString(sum[:]) {
		t.Errorf("synced %d, hash %s", synced, hash)
	}
	if got := mustOK(t, s, "global get-groups-integrity "+hash); got != `["synced"]` {
		t.Errorf("integrity = %s", got)
	}
	if got := mustOK(t, s, "global get-groups-integrity "+strings.Repeat("0", 40)); got != `["hash_mismatch"]` {
		t.Errorf("integrity mismatch = %s", got)
	}
	mustOK(t, s, "global sql UPDATE agent SET group_sync_status = 'syncreq' WHERE id = 7")
	if got := mustOK(t, s, "global get-groups-integrity "+hash); got != `["syncreq"]` {
		t.Errorf("integrity syncreq = %s", got)
	}
	if got := mustOK(t, s, "global get-distinct-groups"); got != fmt.Sprintf(`[{"group":"big","group_hash":%q}]`, sha8("big")) {
		t.Errorf("distinct groups = %s", got)
	}
}

func TestConnectionMaintenanceCommands(t *testing.T) {
	s := startServer(t, newRoot(t))
	seedAgents(t, s, 4)
	mustOK(t, s, "global sql UPDATE agent SET connection_status = 'active', last_keepalive = 100 WHERE id IN (1, 2)")
	mustOK(t, s, "global sql UPDATE agent SET connection_status = 'pending', last_keepalive = 5000 WHERE id = 3")
	if got := mustOK(t, s, "global disconnect-agents 0 1000 syncreq"); got != "[1,2]" {
		t.Errorf("disconnect-agents = %s", got)
	}
	mustOK(t, s, "global reset-agents-connection synced")
	got := mustOK(t, s, "global sql SELECT id, connection_status, sync_status, status_code FROM agent ORDER BY id")
	want := `[{"id":0,"connection_status":"active","sync_status":"synced","status_code":0},` +
		`{"id":1,"connection_status":"disconnected","sync_status":"syncreq","status_code":0},` +
		`{"id":2,"connection_status":"disconnected","sync_status":"syncreq","status_code":0},` +
		`{"id":3,"connection_status":"disconnected","sync_status":"synced","status_code":4},` +
		`{"id":4,"connection_status":"never_connected","sync_status":"synced","status_code":0}]`
	if got != want {
		t.Errorf("statuses\n got  %s\n want %s", got, want)
	}
	mustOK(t, s, "global set-labels 2 k:v")
	r := mustOK(t, s, "global sync-agent-info-get")
	if !strings.HasPrefix(r, `[{"id":1,"name":"agent-00001"`) || !strings.Contains(r, `"labels":[{"id":2,"key":"k","value":"v"}]`) {
		t.Errorf("sync-agent-info-get = %s", r)
	}
	if got := mustOK(t, s, "global sync-agent-info-get"); got != "[]" {
		t.Errorf("second sync-agent-info-get = %s", got)
	}
	mustOK(t, s, "global sql UPDATE agent SET `group` = 'stale', group_hash = 'x' WHERE id = 4")
	mustOK(t, s, "global recalculate-agent-group-hashes")
	if got := mustOK(t, s, "global sql SELECT `group`, group_hash FROM agent WHERE id = 4"); got != "[{}]" {
		t.Errorf("recalculated = %s", got)
	}
}
