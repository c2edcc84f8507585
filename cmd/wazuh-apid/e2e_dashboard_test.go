package main

import (
	"crypto/md5"
	"encoding/hex"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestDashboardAgentsAndGroups replays the §5 checklist items 11-19 of
// dashboard-calls.md as the dashboard sends them (JSON bodies on GET and
// DELETE, `sort=`/`q=` empty, `%2B` sort prefixes, `+` for spaces,
// duplicate `raw`, XML from the group editor) and checks the fields the
// dashboard reads. The bulk and error envelopes are checked too: the
// dashboard turns total_failed_items > 0 into an error message built from
// failed_items[0].error.
func TestDashboardAgentsAndGroups(t *testing.T) {
	e := dbStart(t)
	get, post, put, del := http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete
	tok := e.admin
	for _, n := range []string{"web01", "web02", "db01"} {
		e.dbRegister(t, n)
	}
	for _, g := range []string{"web", "linux"} {
		if m := e.dbCall(t, 200, post, "/groups", tok, `{"group_id":"`+g+`"}`); m["message"] != "Group '"+g+"' created." {
			t.Errorf("create group: %v", m)
		}
	}
	// Keepalives as remoted writes them (data-layer.md §4.4).
	e.dbSQL(t, "global sql UPDATE agent SET connection_status = 'active', version = 'Wazuh v4.14.1', last_keepalive = strftime('%s','now'), "+
		"os_name = 'Ubuntu', os_platform = 'ubuntu', os_version = '22.04', os_major = '22', os_minor = '04', os_uname = 'Linux |web |6.1', "+
		"manager_host = 'manager', node_name = 'node01', group_config_status = 'synced' WHERE id IN (1,2)")
	e.dbSQL(t, "global sql UPDATE agent SET connection_status = 'disconnected', version = 'Wazuh v4.9.0', last_keepalive = strftime('%s','now') - 3600, "+
		"os_name = 'CentOS Stream', os_platform = 'centos', os_version = '9', os_major = '9', manager_host = 'manager', node_name = 'node01' WHERE id = 3")

	// #14 group assignment: one agent (JSON body on an operation without
	// requestBody), bulk with a failure, removal by groups_list.
	if m := e.dbCall(t, 200, put, "/agents/001/group/web", tok, `{"wait_for_complete":true}`); dbAt(m, "data", "affected_items", 0) != "001" || dbTotal(m) != float64(1) {
		t.Errorf("assign one: %v", m)
	}
	m := e.dbCall(t, 200, put, "/agents/group?group_id=linux&agents_list=001,003,999&wait_for_complete=true", tok, "{}")
	if dbTotal(m) != float64(2) || dbAt(m, "data", "total_failed_items") != float64(1) || m["error"] != float64(2) ||
		dbAt(m, "data", "failed_items", 0, "error", "code") != float64(1701) || dbAt(m, "data", "failed_items", 0, "id", 0) != "999" ||
		dbAt(m, "data", "failed_items", 0, "error", "remediation") == nil || m["message"] != "Some agents were not assigned to linux" {
		t.Errorf("bulk assign: %v", m)
	}
	e.dbCall(t, 200, put, "/agents/group?group_id=web&agents_list=002&wait_for_complete=true", tok, "{}")
	e.dbCall(t, 200, del, "/agents/003/group?groups_list=linux&wait_for_complete=true", tok, "{}")
	e.dbCall(t, 200, put, "/agents/003/group/linux", tok, `{"wait_for_complete":true}`)
	if m := e.dbCall(t, 200, del, "/agents/group?group_id=linux&agents_list=001&wait_for_complete=true", tok, "{}"); dbTotal(m) != float64(1) {
		t.Errorf("bulk remove: %v", m)
	}
	e.dbCall(t, 200, put, "/agents/001/group/linux", tok, `{"wait_for_complete":true}`)
	// Memberships now: 001 web,linux; 002 web; 003 linux.

	// #11 home counters (agent 000 excluded) and #12 summary donuts.
	m = e.dbCall(t, 200, get, "/agents/summary/status", tok, "{}")
	if c := dbAt(m, "data", "connection"); dbAt(c, "active") != float64(2) || dbAt(c, "disconnected") != float64(1) ||
		dbAt(c, "never_connected") != float64(0) || dbAt(c, "pending") != float64(0) || dbAt(c, "total") != float64(3) {
		t.Errorf("summary/status: %v", m)
	}
	m = e.dbCall(t, 200, get, "/agents/summary", tok, "{}")
	if dbAt(m, "data", "status", "active") != float64(2) || dbAt(m, "data", "os", "ubuntu") != float64(2) ||
		dbAt(m, "data", "os", "centos") != float64(1) || dbAt(m, "data", "groups", "web") != float64(2) || dbAt(m, "data", "groups", "linux") != float64(2) {
		t.Errorf("summary: %v", m)
	}

	// #13 the agents table, its filters, suggestions and pinning.
	list := func(query string) map[string]any {
		t.Helper()
		return e.dbCall(t, 200, get, "/agents?"+query, tok, "{}")
	}
	m = list("offset=0&limit=10&sort=%2Bid&q=id!=000&wait_for_complete=true")
	if dbField(t, m, "id") != "001,002,003" || dbTotal(m) != float64(3) || m["error"] != float64(0) {
		t.Errorf("agents table: %v", m)
	}
	a := dbItems(t, m)[0]
	if a["name"] != "web01" || a["ip"] != "any" || a["status"] != "active" || a["status_code"] != float64(0) ||
		a["group_config_status"] != "synced" || a["node_name"] != "node01" || dbAt(a, "os", "name") != "Ubuntu" ||
		dbAt(a, "os", "version") != "22.04" || dbAt(a, "os", "platform") != "ubuntu" || dbAt(a, "os", "uname") == nil ||
		dbAt(a, "group", 0) != "web" || dbAt(a, "group", 1) != "linux" || a["dateAdd"] == nil || a["lastKeepAlive"] == nil ||
		!regexp.MustCompile(`^Wazuh v4\.\d+\.\d+$`).MatchString(a["version"].(string)) {
		t.Errorf("agent fields: %v", a)
	}
	for query, want := range map[string]string{
		"offset=0&limit=10&sort=&q=":                                              "000,001,002,003",
		"offset=0&limit=10&sort=%2Bid&q=id!=000;status=disconnected":              "003",
		"offset=0&limit=10&sort=%2Bid&q=id!=000;group=web":                        "001,002",
		"offset=0&limit=10&sort=%2Bos.name,os.version&q=id!=000":                  "003,001,002",
		"offset=0&limit=10&sort=-id&q=id!=000;os.name=CentOS+Stream":              "003",
		"offset=0&limit=10&sort=%2Bid&q=id!=000;(group_config_status=not+synced)": "003",
		"offset=0&limit=10&sort=%2Bid&q=id!=000;(id~db,name~db,ip~db,group~db,os.name~db,os.version~db,node_name~db,version~db,group_config_status~db)": "003",
		"q=id=002": "002",
		"limit=1000&offset=0&q=id!=000;group=linux&wait_for_complete=true": "001,003",
		"offset=0&select=id,name&search=web":                               "001,002",
	} {
		if got := dbField(t, list(query), "id"); got != want {
			t.Errorf("GET /agents?%s: ids %s, want %s", query, got, want)
		}
	}
	m = list("distinct=true&limit=30&select=os.name&sort=%2Bos.name&q=id!=000;os.name~n")
	if dbTotal(m) != float64(2) || dbAt(m, "data", "affected_items", 0, "os", "name") != "CentOS Stream" {
		t.Errorf("os.name suggestions: %v", m)
	}
	m = list("distinct=true&limit=30&select=group&sort=%2Bgroup&q=id!=000")
	if dbTotal(m) != float64(3) || dbAt(m, "data", "affected_items", 0, "group", 0) == nil {
		t.Errorf("group suggestions (combinations): %v", m)
	}
	if m := list("q=id=002&select=group_config_status"); dbAt(m, "data", "affected_items", 0, "group_config_status") != "synced" {
		t.Errorf("group_config_status: %v", m)
	}
	if m := list("limit=1&offset=0&q=id!=000&wait_for_complete=true"); dbTotal(m) != float64(3) || len(dbItems(t, m)) != 1 {
		t.Errorf("deploy-agent check: %v", m)
	}
	if m := e.dbCall(t, 200, get, "/agents", tok, `{"limit":1}`); dbTotal(m) != float64(4) {
		t.Errorf("cluster page agent count: %v", m)
	}
	m = list("q=id=001&select=dateAdd,id,ip,lastKeepAlive,manager,name,os.name,os.version,version")
	if a := dbItems(t, m)[0]; a["manager"] != "manager" || dbAt(a, "os", "name") != "Ubuntu" || a["status"] != nil {
		t.Errorf("report select: %v", m)
	}

	dbGroupsPages(t, e)
	dbUpgradeAndTasks(t, e)

	// #19 the status page.
	m = e.dbCall(t, 200, get, "/overview/agents", tok, "{}")
	d := m["data"]
	if dbAt(d, "agent_status", "connection", "active") != float64(2) || dbAt(d, "agent_status", "connection", "total") != float64(3) ||
		dbAt(d, "agent_status", "configuration", "synced") != float64(2) || dbAt(d, "agent_status", "configuration", "total") != float64(3) ||
		dbAt(d, "nodes", 0, "node_name") != "node01" || dbAt(d, "nodes", 0, "count") != float64(3) || dbAt(d, "last_registered_agent", 0, "id") == nil {
		t.Errorf("overview: %v", m)
	}

	// #15 remove agents: the bulk envelope.
	tmp := e.dbRegister(t, "tmp01")
	m = e.dbCall(t, 200, del, "/agents?status=all&older_than=0s&agents_list="+tmp+",999&wait_for_complete=true", tok, "{}")
	if dbAt(m, "data", "affected_items", 0) != tmp || dbAt(m, "data", "failed_items", 0, "id", 0) != "999" || m["error"] != float64(2) {
		t.Errorf("delete agents: %v", m)
	}

	// Bad input is a Wazuh-style 4xx, never a 500.
	for _, path := range []string{"/agents?q=id!=000;bogus=1", "/agents?sort=%2Bbogus", "/agents?q=id!=000;(", "/groups?sort=%2Bbogus",
		"/groups/nope/agents", "/tasks/status?q=last_update_time>yesterday", "/agents?limit=0"} {
		e.dbBadRequest(t, get, path, "{}")
	}
	e.dbBadRequest(t, put, "/agents/group?group_id=nope&agents_list=001&wait_for_complete=true", "{}")
}

// dbGroupsPages replays the Groups pages (#17, #18): the list, detail,
// suggestions, members, files, the raw agent.conf (duplicate raw) and the
// XML editor's save.
func dbGroupsPages(t *testing.T, e *dbEnv) {
	t.Helper()
	get, post, put, del, tok := http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, e.admin
	m := e.dbCall(t, 200, get, "/groups?offset=0&limit=15&sort=%2Bname&q=", tok, "{}")
	if dbField(t, m, "name") != "default,linux,web" || dbAt(m, "data", "affected_items", 1, "count") != float64(2) ||
		!regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(dbAt(m, "data", "affected_items", 2, "configSum").(string)) {
		t.Errorf("groups table: %v", m)
	}
	for query, want := range map[string]string{
		"groups_list=web": "web",
		"limit=1000&offset=0&wait_for_complete=true":               "default,linux,web",
		"distinct=true&limit=30&select=name&sort=%2Bname&q=name~n": "linux",
	} {
		if got := dbField(t, e.dbCall(t, 200, get, "/groups?"+query, tok, "{}"), "name"); got != want {
			t.Errorf("GET /groups?%s: %s, want %s", query, got, want)
		}
	}
	e.dbCall(t, 200, post, "/groups", tok, `{"group_id":"scratch"}`)
	if m := e.dbCall(t, 200, del, "/groups?groups_list=scratch", tok, "{}"); dbAt(m, "data", "affected_items", 0) != "scratch" {
		t.Errorf("delete group: %v", m)
	}

	m = e.dbCall(t, 200, get, "/groups/web/agents?offset=0&limit=15&sort=%2Bid&q=", tok, "{}")
	if a := dbItems(t, m); dbField(t, m, "id") != "001,002" || a[0]["name"] != "web01" || a[0]["ip"] == nil ||
		dbAt(a[0], "os", "name") != "Ubuntu" || dbAt(a[0], "os", "version") == nil || a[0]["version"] == nil || a[0]["status"] != "active" {
		t.Errorf("group members: %v", m)
	}
	if m := e.dbCall(t, 200, get, "/groups/web/agents?offset=0&select=id,name&search=web02", tok, "{}"); dbField(t, m, "name") != "web02" {
		t.Errorf("member editor search: %v", m)
	}
	m = e.dbCall(t, 200, get, "/groups/web/files?offset=0&limit=15&sort=%2Bfilename&q=", tok, "{}")
	if dbAt(m, "data", "affected_items", 0, "filename") != "agent.conf" || dbAt(m, "data", "affected_items", 0, "hash") == nil {
		t.Errorf("group files: %v", m)
	}

	const conf = "<agent_config os=\"Linux\">\n  <localfile>\n    <log_format>syslog</log_format>\n    <location>/var/log/nginx/access.log</location>\n  </localfile>\n" +
		"  <syscheck>\n    <directories check_all=\"yes\">/etc,/usr/bin</directories>\n  </syscheck>\n</agent_config>\n"
	status, _, b := e.dbAxios(t, put, "/groups/web/configuration", tok, "application/xml", conf, "", "")
	if m := dbDecode(t, "PUT configuration", 200, status, b); m["message"] != "Agent configuration was successfully updated" {
		t.Errorf("save: %v", m)
	}
	status, hdr, raw := e.dbAxios(t, get, "/groups/web/files/agent.conf?raw=true&raw=true", tok, "", "{}", "", "")
	if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/xml") || !strings.Contains(string(raw), "<location>/var/log/nginx/access.log</location>") {
		t.Errorf("raw agent.conf: %d %v %s", status, hdr, raw)
	}
	sum := md5.Sum(raw)
	if m := e.dbCall(t, 200, get, "/groups?groups_list=web", tok, "{}"); dbAt(m, "data", "affected_items", 0, "configSum") != hex.EncodeToString(sum[:]) {
		t.Errorf("configSum after save: %v", m)
	}
	m = e.dbCall(t, 200, get, "/groups/web/configuration", tok, "{}")
	c := dbAt(m, "data", "affected_items", 0)
	if dbAt(m, "data", "total_affected_items") != float64(1) || dbAt(c, "filters", "os") != "Linux" ||
		dbAt(c, "config", "localfile", 0, "location") != "/var/log/nginx/access.log" ||
		dbAt(c, "config", "syscheck", "directories", 1, "path") != "/usr/bin" || dbAt(c, "config", "syscheck", "directories", 1, "check_all") != "yes" {
		t.Errorf("group configuration: %v", m)
	}
	e.dbBadRequest(t, put, "/groups/web/configuration?x=1", "")
	status, _, b = e.dbAxios(t, put, "/groups/web/configuration", tok, "application/xml", "<agent_config><bad></agent_config>", "", "")
	if m := dbDecode(t, "PUT broken XML", 400, status, b); m["error"] != float64(1113) || m["detail"] == nil {
		t.Errorf("broken XML: %v", m)
	}
}

// dbUpgradeAndTasks replays the upgrade action and the upgrade panel's
// polling (#16). Without WPK packages no task is created, so the tasks
// the panel lists are written to tasks.db as the upgrade module does.
func dbUpgradeAndTasks(t *testing.T, e *dbEnv) {
	t.Helper()
	get, put, tok := http.MethodGet, http.MethodPut, e.admin
	m := e.dbCall(t, 200, put, "/agents/upgrade?agents_list=001,003&wait_for_complete=true&package_type=deb&force=true", tok, "{}")
	if dbAt(m, "data", "affected_items") == nil || dbAt(m, "data", "total_failed_items") != float64(2) ||
		dbAt(m, "data", "failed_items", 0, "error", "code") == nil || dbAt(m, "data", "failed_items", 0, "id", 0) == nil {
		t.Errorf("upgrade envelope: %v", m)
	}
	e.dbSQL(t, "task sql INSERT INTO tasks (agent_id, node, module, command, create_time, last_update_time, status, error_message) VALUES "+
		"(1, 'node01', 'upgrade_module', 'upgrade', strftime('%s','now') - 60, strftime('%s','now'), 'In progress', NULL), "+
		"(2, 'node01', 'upgrade_module', 'upgrade', 1700000000, 1700000100, 'Failed', 'The repository is not reachable')")
	for query, want := range map[string]float64{
		"limit=1&offset=0&status=In+progress&command=upgrade&wait_for_complete=true":                                        1,
		"limit=1&offset=0&status=Failed&command=upgrade&wait_for_complete=true&q=last_update_time>2023-11-14T22:00:00.000Z": 1,
		"limit=1&offset=0&status=Done&command=upgrade&wait_for_complete=true":                                               0,
		"limit=1&offset=0&status=Timeout&command=upgrade&wait_for_complete=true":                                            0,
	} {
		if m := e.dbCall(t, 200, get, "/tasks/status?"+query, tok, "{}"); dbTotal(m) != want {
			t.Errorf("GET /tasks/status?%s: %v", query, m)
		}
	}
	m = e.dbCall(t, 200, get, "/tasks/status?offset=0&limit=15&sort=&q=last_update_time>2023-01-01T00:00:00.000Z", tok, "{}")
	items := dbItems(t, m)
	if len(items) != 2 || items[1]["task_id"] != float64(2) || items[1]["agent_id"] != "002" || items[1]["status"] != "Failed" ||
		items[1]["error_message"] != "The repository is not reachable" || items[1]["create_time"] != "2023-11-14T22:13:20Z" ||
		items[1]["last_update_time"] != "2023-11-14T22:15:00Z" || items[0]["status"] != "In progress" {
		t.Errorf("tasks modal: %v", m)
	}
	if m := e.dbCall(t, 200, get, "/agents/upgrade_result?agents_list=001", tok, "{}"); dbAt(m, "data", "affected_items", 0, "agent") != "001" {
		t.Errorf("upgrade_result: %v", m)
	}
}
