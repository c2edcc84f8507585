package main

import (
	"regexp"

	"github.com/wazuh-go/server/sdk/query"
)

// versionExpr parts of the semantic sort of the agents' version field
// ("Wazuh v4.10.2" sorts after "Wazuh v4.9.1").
const (
	versionTail = "substr(version, instr(version, 'v') + 1)"
	versionRest = "substr(" + versionTail + ", instr(" + versionTail + ", '.') + 1)"
)

// agentCatalogue is WazuhDBQueryAgents (data-layer.md §2.7): the agent
// table's public fields in Wazuh's order, default sort id ascending, id
// always selected, date filters restricted to id != 0.
var agentCatalogue = query.MustCatalogue(query.Catalogue{
	From: "agent",
	Fields: []query.Field{
		{Name: "id", Expr: "id", Kind: query.KindInt, Flags: query.IDSearch},
		{Name: "name", Expr: "name"},
		{Name: "ip", Expr: "coalesce(ip,register_ip)"},
		{Name: "status", Expr: "connection_status"},
		{Name: "os.name", Expr: "os_name"},
		{Name: "os.version", Expr: "os_version",
			SortExprs: []string{"CAST(os_major AS INTEGER)", "CAST(os_minor AS INTEGER)"}},
		{Name: "os.platform", Expr: "os_platform"},
		{Name: "version", Expr: "version", Normalize: normalizeVersion, SortExprs: []string{
			"CAST(" + versionTail + " AS INTEGER)", "CAST(" + versionRest + " AS INTEGER)",
			"CAST(substr(" + versionRest + ", instr(" + versionRest + ", '.') + 1) AS INTEGER)"}},
		{Name: "manager", Expr: "manager_host"},
		{Name: "dateAdd", Expr: "date_add", Kind: query.KindDate},
		{Name: "group", Expr: "`group`", Kind: query.KindList},
		{Name: "mergedSum", Expr: "merged_sum"},
		{Name: "configSum", Expr: "config_sum"},
		{Name: "os.codename", Expr: "os_codename"},
		{Name: "os.major", Expr: "os_major"},
		{Name: "os.minor", Expr: "os_minor"},
		{Name: "os.uname", Expr: "os_uname"},
		{Name: "os.arch", Expr: "os_arch"},
		{Name: "os.build", Expr: "os_build"},
		{Name: "node_name", Expr: "node_name"},
		{Name: "lastKeepAlive", Expr: "last_keepalive", Kind: query.KindDate},
		{Name: "internal_key", Expr: "internal_key", Flags: query.Internal},
		{Name: "registerIP", Expr: "register_ip"},
		{Name: "disconnection_time", Expr: "disconnection_time", Kind: query.KindInt},
		{Name: "group_config_status", Expr: "group_config_status"},
		{Name: "status_code", Expr: "status_code", Kind: query.KindInt},
	},
	MinSelect:     []string{"id"},
	DefaultSort:   "id",
	DateCondition: "id != 0",
	Backend:       query.BackendGlobal,
})

var versionRe = regexp.MustCompile(`(?i)^(?:wazuh ?)?v?(\d+\.\d+\.\d+)$`)

// normalizeVersion turns the version filter values "4.2.0", "v4.2.0",
// "wazuh 4.2.0" and "Wazuhv4.2.0" into "wazuh v4.2.0" (compared without
// case, like every agent filter).
func normalizeVersion(v string) string {
	if m := versionRe.FindStringSubmatch(v); m != nil {
		return "wazuh v" + m[1]
	}
	return v
}

// taskCatalogue is WazuhDBQueryTasks on tasks.db (default sort task_id).
var taskCatalogue = query.MustCatalogue(query.Catalogue{
	From: "tasks",
	Fields: []query.Field{
		{Name: "task_id", Expr: "task_id", Kind: query.KindInt},
		{Name: "agent_id", Expr: "agent_id", Kind: query.KindInt},
		{Name: "node", Expr: "node"},
		{Name: "module", Expr: "module"},
		{Name: "command", Expr: "command"},
		{Name: "create_time", Expr: "create_time", Kind: query.KindDate},
		{Name: "last_update_time", Expr: "last_update_time", Kind: query.KindDate},
		{Name: "status", Expr: "status"},
		{Name: "error_message", Expr: "error_message"},
	},
	MinSelect:   []string{"task_id"},
	DefaultSort: "task_id",
	Backend:     query.BackendTask,
})
