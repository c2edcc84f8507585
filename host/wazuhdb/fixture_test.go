package wazuhdb

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestFixtureIntegrationGlobalDB opens a copy of the API integration
// global.db (schema v2), upgrades it to v7 and checks data-layer.md §10.1.
func TestFixtureIntegrationGlobalDB(t *testing.T) {
	src := fixture(t, "integration/global.db")
	root := newRoot(t)
	copyFile(t, src, filepath.Join(root, globalDBPath))
	s := startServer(t, root)

	backups, _ := filepath.Glob(filepath.Join(root, backupDBDir, "global.db-backup-*-pre_upgrade"))
	if len(backups) != 1 {
		t.Errorf("pre-upgrade backups: %v", backups)
	}
	if got := mustOK(t, s, "global sql SELECT value FROM metadata WHERE key = 'db_version'"); got != `[{"value":"7"}]` {
		t.Errorf("db_version after upgrade = %s", got)
	}
	agents := rowsOf(t, mustOK(t, s, "global sql SELECT * FROM agent ORDER BY id"))
	if len(agents) != 13 {
		t.Fatalf("%d agents, want 13", len(agents))
	}
	for i, a := range agents[1:] {
		want := fmt.Sprintf("wazuh-agent%d", i+1)
		if a["name"] != want || a["connection_status"] != "never_connected" || a["register_ip"] != "any" ||
			a["date_add"] != 0.0 || a["node_name"] != "unknown" || a["group_config_status"] != "not synced" || a["status_code"] != 0.0 {
			t.Errorf("agent %d = %v", i+1, a)
		}
		if _, ok := a["ip"]; ok {
			t.Errorf("agent %d has an ip: NULL columns must be omitted", i+1)
		}
	}
	m := agents[0]
	if m["name"] != "wazuh-master" || m["connection_status"] != "active" || m["last_keepalive"] != 253402300799.0 ||
		m["os_platform"] != "ubuntu" || m["version"] != "Wazuh v4.2.0" || m["node_name"] != "master-node" {
		t.Errorf("manager row = %v", m)
	}
	if got := mustOK(t, s, "global sql SELECT id, name FROM `group` ORDER BY id"); got != `[{"id":1,"name":"default"},{"id":2,"name":"group3"},{"id":3,"name":"group1"},{"id":4,"name":"group2"}]` {
		t.Errorf("groups = %s", got)
	}
	if got := mustOK(t, s, "global sql SELECT value FROM info WHERE key = 'openssl_support'"); got != `[{"value":"yes"}]` {
		t.Errorf("openssl_support = %s", got)
	}
	checkClientKeys(t, s)
	applyAgentGroups(t, s)

	// Opening the upgraded database again changes nothing.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := startServer(t, root)
	if got := mustOK(t, s2, "global sql SELECT count(*) AS n FROM belongs"); got != `[{"n":24}]` {
		t.Errorf("belongs after reopening = %s", got)
	}
	if backups, _ := filepath.Glob(filepath.Join(root, backupDBDir, "*")); len(backups) != 1 {
		t.Errorf("reopening made another backup: %v", backups)
	}
}

// checkClientKeys compares etc/client.keys with the agent rows and checks
// the key endpoint encoding of agent 001.
func checkClientKeys(t *testing.T, s *Server) {
	t.Helper()
	keys, err := os.ReadFile(fixture(t, "integration/client.keys"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(keys)), "\n") {
		f := strings.Fields(line)
		row := rowsOf(t, mustOK(t, s, "global sql SELECT name, register_ip, internal_key FROM agent WHERE id = "+strings.TrimLeft(f[0], "0")))
		if len(row) != 1 || row[0]["name"] != f[1] || row[0]["register_ip"] != f[2] || row[0]["internal_key"] != f[3] {
			t.Errorf("client.keys %s does not match %v", f[0], row)
		}
	}
	row := rowsOf(t, mustOK(t, s, "global sql SELECT name, register_ip, internal_key FROM agent WHERE id = 1"))[0]
	key := base64.StdEncoding.EncodeToString([]byte(fmt.Sprintf("001 %s %s %s", row["name"], row["register_ip"], row["internal_key"])))
	if key != "MDAxIHdhenVoLWFnZW50MSBhbnkgYjdlZmFhZmNkZTFiYjBmM2QzY2JiZjViMzJlNjMzNTg3ODMwNWY0ZTZhMTliZWMyZDA2NWY1ZTUzZTEzNGU2NQ==" {
		t.Errorf("key of 001 = %s", key)
	}
}

// applyAgentGroups runs the integration environment's group assignment
// (agent_groups.yaml, mode append) and checks the memberships.
func applyAgentGroups(t *testing.T, s *Server) {
	t.Helper()
	groups := readAgentGroups(t, fixture(t, "integration/agent_groups.yaml"))
	var data []string
	for _, id := range slices.Sorted(maps.Keys(groups)) {
		g, _ := json.Marshal(groups[id])
		data = append(data, fmt.Sprintf(`{"id":%d,"groups":%s}`, id, g))
	}
	mustOK(t, s, `global set-agent-groups {"mode":"append","sync_status":"syncreq","data":[`+strings.Join(data, ",")+`]}`)
	members := map[string][]int{}
	for id, gs := range groups {
		for _, g := range gs {
			members[g] = append(members[g], id)
		}
	}
	for g, want := range members {
		slices.Sort(want)
		var got []int
		if err := json.Unmarshal([]byte(mustOK(t, s, "global get-group-agents "+g+" last_id 0")), &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("group %s: %v, want %v", g, got, want)
		}
	}
	if got := mustOK(t, s, "global select-agent-group 8"); got != `[{"group":"default,group1,group2,group3"}]` {
		t.Errorf("agent 8 groups = %s", got)
	}
}

// TestFixtureUnitGlobal loads the framework's schema_global_test.sql (a
// legacy layout without metadata) and checks data-layer.md §10.1.
func TestFixtureUnitGlobal(t *testing.T) {
	root := newRoot(t)
	loadSQL(t, fixture(t, "unit/schema_global_test.sql"), filepath.Join(root, globalDBPath))
	s := startServer(t, root)
	agents := rowsOf(t, mustOK(t, s, "global sql SELECT * FROM agent WHERE id > 0"))
	if got := countBy(agents, "connection_status"); !reflect.DeepEqual(got, map[string]int{"active": 6, "disconnected": 1, "never_connected": 1, "pending": 1}) {
		t.Errorf("statuses = %v", got)
	}
	if got := countBy(agents, "os_platform"); !reflect.DeepEqual(got, map[string]int{"ubuntu": 4, "xubuntu": 2, "windows": 1, "<nil>": 2}) {
		t.Errorf("platforms = %v", got)
	}
	if got := mustOK(t, s, "global sql SELECT id_agent, id_group FROM belongs WHERE id_agent = 8 ORDER BY priority"); got != `[{"id_agent":8,"id_group":2},{"id_agent":8,"id_group":1}]` {
		t.Errorf("agent 8 belongs = %s", got)
	}
	if got := mustOK(t, s, "global get-group-agents group-empty last_id 0"); got != "[]" {
		t.Errorf("group-empty members = %s", got)
	}
	if got := mustOK(t, s, "global sql SELECT `group`, group_hash FROM agent WHERE id = 8"); got != fmt.Sprintf(`[{"group":"group-2,group-1","group_hash":%q}]`, sha8("group-2,group-1")) {
		t.Errorf("agent 8 group = %s", got)
	}
}

func TestFixtureTasks(t *testing.T) {
	root := newRoot(t)
	loadSQL(t, fixture(t, "unit/schema_tasks_test.sql"), filepath.Join(root, tasksDBPath))
	s := startServer(t, root)
	tasks := rowsOf(t, mustOK(t, s, "task sql SELECT * FROM tasks ORDER BY task_id"))
	if len(tasks) != 6 {
		t.Fatalf("%d tasks", len(tasks))
	}
	if got := countBy(tasks, "AGENT_ID"); !reflect.DeepEqual(got, map[string]int{"1": 1, "2": 4, "3": 1}) {
		t.Errorf("agents = %v", got)
	}
	if got := countBy(tasks, "NODE"); !reflect.DeepEqual(got, map[string]int{"worker2": 5, "master-node": 1}) {
		t.Errorf("nodes = %v", got)
	}
	if got := countBy(tasks, "ERROR_MESSAGE"); got["<nil>"] != 4 || got["The version of the WPK does not exist in the repository"] != 2 {
		t.Errorf("error messages = %v", got)
	}
	for i, task := range tasks {
		if task["TASK_ID"] != float64(i+1) {
			t.Errorf("task %d id = %v", i, task["TASK_ID"])
		}
	}
}

func TestFixtureMitre(t *testing.T) {
	root := newRoot(t)
	loadSQL(t, fixture(t, "unit/schema_mitre_test.sql"), filepath.Join(root, mitreDBPath))
	s := startServer(t, root)
	want := map[string]int{
		"technique": 50, "tactic": 14, "mitigation": 50, `"group"`: 50, "software": 50, "reference": 50,
		"effective_permission": 33, "impact": 26, "system_requirement": 42, "metadata": 2,
	}
	for table, n := range want {
		if got := mustOK(t, s, "mitre sql SELECT count(*) AS n FROM "+table); got != fmt.Sprintf(`[{"n":%d}]`, n) {
			t.Errorf("%s: %s, want %d", table, got, n)
		}
	}
	got := mustOK(t, s, "mitre sql SELECT created_time, modified_time, deprecated FROM technique WHERE id = 'attack-pattern--01df3350-ce05-4bdf-bdf8-0a919a66d4a8'")
	if got != `[{"created_time":"2017-12-14 16:46:06.044000","modified_time":"2020-01-24 14:14:05.452000","deprecated":0}]` {
		t.Errorf("technique dates = %s", got)
	}
}

func TestFixtureSyscheck(t *testing.T) {
	root := newRoot(t)
	loadSQL(t, fixture(t, "unit/schema_syscheck_test.sql"), filepath.Join(root, agentDBDir, "000.db"))
	s := startServer(t, root)
	got := mustOK(t, s, "agent 000 sql SELECT full_path, size, perm, mtime, arch FROM fim_entry WHERE full_path = '/sbin/runit'")
	if got != `[{"full_path":"/sbin/runit","size":18840,"perm":"100755","mtime":1420542776}]` {
		t.Errorf("fim entry = %s", got)
	}
	if got := mustOK(t, s, "agent 0 sql SELECT count(*) AS n FROM fim_entry"); got != `[{"n":7}]` {
		t.Errorf("fim entries = %s", got)
	}
	if got := mustOK(t, s, "agent 0 sql SELECT start_scan, end_scan FROM scan_info WHERE module = 'fim'"); got != `[{"start_scan":1559134512,"end_scan":1559134532}]` {
		t.Errorf("scan_info = %s", got)
	}
	if got := mustOK(t, s, "agent 0 sql SELECT max(date_last) AS d FROM pm_event WHERE log = 'Ending rootcheck scan.'"); got != `[{"d":"2019-05-29 12:21:35"}]` {
		t.Errorf("last rootcheck = %s", got)
	}
}
