package rbac

// Wazuh 4.14's default RBAC resources (security.md §2.3, §3.3). Ids follow
// the order of these lists exactly as Wazuh's insert_default_resources
// assigns them from its YAML files.

// defaultUser is a default user with its clear-text seed password.
type defaultUser struct {
	name, password string
	allowRunAs     bool
}

var defaultUsers = []defaultUser{
	{"wazuh", "wazuh", true},
	{"wazuh-wui", "wazuh-wui", true},
}

var defaultRoles = []string{
	"administrator", "readonly", "users_admin", "agents_readonly",
	"agents_admin", "cluster_readonly", "cluster_admin",
}

// defaultRule is a default run_as rule (its JSON in Python layout).
type defaultRule struct {
	name, rule string
}

var defaultRules = []defaultRule{
	{"wui_elastic_admin", `{"FIND": {"username": "elastic"}}`},
	{"wui_opensearch_admin", `{"FIND": {"user_name": "admin"}}`},
}

// subPolicy is one stored policy: row name <group>_<name>.
type subPolicy struct {
	name      string
	actions   []string
	resources []string
}

// policyGroup is a default policy group; each sub-policy is one row.
type policyGroup struct {
	name string
	subs []subPolicy
}

var anyResource = []string{"*:*:*"}

var defaultPolicyGroups = []policyGroup{
	{"agents_all", []subPolicy{
		{"resourceless", []string{"agent:create", "group:create", "agent:uninstall"}, anyResource},
		{"agents", []string{"agent:read", "agent:delete", "agent:modify_group", "agent:reconnect", "agent:restart", "agent:upgrade"}, []string{"agent:id:*", "agent:group:*"}},
		{"groups", []string{"group:read", "group:delete", "group:update_config", "group:modify_assignments"}, []string{"group:id:*"}},
	}},
	{"agents_read", []subPolicy{
		{"agents", []string{"agent:read"}, []string{"agent:id:*", "agent:group:*"}},
		{"groups", []string{"group:read"}, []string{"group:id:*"}},
	}},
	{"agents_commands", []subPolicy{
		{"agents", []string{"active-response:command"}, []string{"agent:id:*"}},
	}},
	{"security_all", []subPolicy{
		{"resourceless", []string{"security:create", "security:create_user", "security:read_config", "security:update_config", "security:revoke", "security:edit_run_as"}, anyResource},
		{"security", []string{"security:read", "security:update", "security:delete"}, []string{"role:id:*", "policy:id:*", "user:id:*", "rule:id:*"}},
	}},
	{"users_all", []subPolicy{
		{"resourceless", []string{"security:create_user", "security:revoke", "security:edit_run_as"}, anyResource},
		{"users", []string{"security:read", "security:update", "security:delete"}, []string{"user:id:*"}},
	}},
	{"users_modify_run_as", []subPolicy{
		{"flag", []string{"security:edit_run_as"}, anyResource},
	}},
	{"ciscat_read", []subPolicy{{"ciscat", []string{"ciscat:read"}, []string{"agent:id:*"}}}},
	{"decoders_read", []subPolicy{{"decoders", []string{"decoders:read"}, []string{"decoder:file:*"}}}},
	{"decoders_all", []subPolicy{
		{"files", []string{"decoders:read", "decoders:delete"}, []string{"decoder:file:*"}},
		{"resourceless", []string{"decoders:update"}, anyResource},
	}},
	{"mitre_read", []subPolicy{{"mitre", []string{"mitre:read"}, anyResource}}},
	{"lists_read", []subPolicy{{"rules", []string{"lists:read"}, []string{"list:file:*"}}}},
	{"lists_all", []subPolicy{
		{"rules", []string{"lists:read", "lists:delete"}, []string{"list:file:*"}},
		{"resourceless", []string{"lists:update"}, anyResource},
	}},
	{"rootcheck_read", []subPolicy{{"rootcheck", []string{"rootcheck:read"}, []string{"agent:id:*"}}}},
	{"rootcheck_all", []subPolicy{{"rootcheck", []string{"rootcheck:clear", "rootcheck:read", "rootcheck:run"}, []string{"agent:id:*"}}}},
	{"rules_read", []subPolicy{{"rules", []string{"rules:read"}, []string{"rule:file:*"}}}},
	{"rules_all", []subPolicy{
		{"files", []string{"rules:read", "rules:delete"}, []string{"rule:file:*"}},
		{"resourceless", []string{"rules:update"}, anyResource},
	}},
	{"sca_read", []subPolicy{{"sca", []string{"sca:read"}, []string{"agent:id:*"}}}},
	{"syscheck_read", []subPolicy{{"syscheck", []string{"syscheck:read"}, []string{"agent:id:*"}}}},
	{"syscheck_all", []subPolicy{{"syscheck", []string{"syscheck:clear", "syscheck:read", "syscheck:run"}, []string{"agent:id:*"}}}},
	{"syscollector_read", []subPolicy{{"syscollector", []string{"syscollector:read"}, []string{"agent:id:*"}}}},
	{"cluster_all", []subPolicy{
		{"resourceless", []string{"cluster:status", "manager:read", "manager:read_api_config", "manager:update_config", "manager:restart"}, anyResource},
		{"nodes", []string{"cluster:read_api_config", "cluster:read", "cluster:restart", "cluster:update_config"}, []string{"node:id:*"}},
	}},
	{"cluster_read", []subPolicy{
		{"resourceless", []string{"cluster:status", "manager:read", "manager:read_api_config"}, anyResource},
		// Wazuh's YAML lists cluster:read_api_config twice; it is stored so.
		{"nodes", []string{"cluster:read_api_config", "cluster:read", "cluster:read_api_config"}, []string{"node:id:*"}},
	}},
	{"logtest_all", []subPolicy{{"logtest", []string{"logtest:run"}, anyResource}}},
	{"task_status", []subPolicy{{"task", []string{"task:status"}, anyResource}}},
	{"events_ingest", []subPolicy{{"resourceless", []string{"event:ingest"}, anyResource}}},
}

// defaultUserRoles links default users to roles, by name.
var defaultUserRoles = []struct {
	user  string
	roles []string
}{
	{"wazuh", []string{"administrator"}},
	{"wazuh-wui", []string{"administrator"}},
}

// defaultRoleLinks links default roles to policy groups and rules, by name.
var defaultRoleLinks = []struct {
	role     string
	policies []string
	rules    []string
}{
	{"administrator", []string{
		"agents_all", "agents_commands", "security_all", "cluster_all", "ciscat_read",
		"decoders_all", "lists_all", "rootcheck_all", "rules_all", "mitre_read", "sca_read",
		"syscheck_all", "syscollector_read", "logtest_all", "task_status", "events_ingest",
	}, []string{"wui_elastic_admin", "wui_opensearch_admin"}},
	{"readonly", []string{
		"agents_read", "ciscat_read", "cluster_read", "decoders_read", "lists_read",
		"rootcheck_read", "rules_read", "mitre_read", "sca_read", "syscheck_read", "syscollector_read",
	}, nil},
	{"users_admin", []string{"users_all"}, nil},
	{"agents_readonly", []string{"agents_read"}, nil},
	{"agents_admin", []string{"agents_all"}, nil},
	{"cluster_readonly", []string{"cluster_read"}, nil},
	{"cluster_admin", []string{"cluster_all"}, nil},
}
