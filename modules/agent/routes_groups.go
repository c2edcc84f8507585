package main

import (
	"net/http"

	"github.com/wazuh-go/server/sdk"
)

// Route ids of the module.
const (
	routeGetAgents         = "agent.get_agents"
	routeDeleteAgents      = "agent.delete_agents"
	routeAddAgent          = "agent.add_agent"
	routeUpgradeAgents     = "agent.put_upgrade_agents"
	routeUpgradeCustom     = "agent.put_upgrade_custom_agents"
	routeUpgradeResult     = "agent.get_upgrade_result"
	routeUninstall         = "agent.get_uninstall_permission"
	routeRemoveGroupAgents = "agent.delete_multiple_agent_single_group"
	routeAssignGroupAgents = "agent.put_multiple_agent_single_group"
	routeRestartGroup      = "agent.restart_agents_by_group"
	routeInsertAgent       = "agent.insert_agent"
	routeInsertQuick       = "agent.post_new_agent"
	routeNoGroup           = "agent.get_agent_no_group"
	routeRestartNode       = "agent.restart_agents_by_node"
	routeOutdated          = "agent.get_agent_outdated"
	routeReconnect         = "agent.reconnect_agents"
	routeRestartAgents     = "agent.restart_agents"
	routeDistinct          = "agent.get_agent_fields"
	routeSummary           = "agent.get_agents_summary"
	routeSummaryOS         = "agent.get_agent_summary_os"
	routeSummaryStatus     = "agent.get_agent_summary_status"
	routeAgentConfig       = "agent.get_agent_config"
	routeRemoveAgentGroups = "agent.delete_single_agent_multiple_groups"
	routeSyncAgent         = "agent.get_sync_agent"
	routeRemoveAgentGroup  = "agent.delete_single_agent_single_group"
	routeAssignAgentGroup  = "agent.put_agent_single_group"
	routeAgentKey          = "agent.get_agent_key"
	routeRestartAgent      = "agent.restart_agent"
	routeDaemonStats       = "agent.get_daemon_stats"
	routeComponentStats    = "agent.get_component_stats"
	routeDeleteGroups      = "agent.delete_groups"
	routeGetGroups         = "agent.get_list_group"
	routePostGroup         = "agent.post_group"
	routeGroupAgents       = "agent.get_agents_in_group"
	routeGetGroupConfig    = "agent.get_group_config"
	routePutGroupConfig    = "agent.put_group_config"
	routeGroupFiles        = "agent.get_group_files"
	routeGroupFile         = "agent.get_group_file"
	routeOverview          = "agent.get_overview_agents"
	routeTasks             = "agent.get_tasks_status"
)

var (
	permGroupRead = sdk.Permission{Action: "group:read", Resource: "group:id:{group_id}"}
	permGroupList = sdk.Permission{Action: "group:read", Resource: "group:id:{groups_list}"}
)

// groupRoutes are the /groups, /overview/agents and /tasks/status operations.
func groupRoutes() []sdk.Route {
	get, put, post, del := http.MethodGet, http.MethodPut, http.MethodPost, http.MethodDelete
	listGroups := []string{"groups_list", "offset", "limit", "sort", "search", "hash", "q", "select", "distinct"}
	return []sdk.Route{
		{ID: routeDeleteGroups, Method: del, Path: "/groups", Summary: "Delete groups", DAPI: sdk.DAPILocalMaster,
			Permissions: []sdk.Permission{{Action: "group:delete", Resource: "group:id:{groups_list}"}},
			QueryParams: []string{"groups_list"}},
		{ID: routeGetGroups, Method: get, Path: "/groups", Summary: "Get groups", DAPI: sdk.DAPILocalMaster,
			Permissions: []sdk.Permission{permGroupList}, QueryParams: listGroups},
		{ID: routePostGroup, Method: post, Path: "/groups", Summary: "Create a group", DAPI: sdk.DAPILocalMaster,
			Permissions: []sdk.Permission{{Action: "group:create", Resource: "*:*:*"}}, QueryParams: []string{}},
		{ID: routeGroupAgents, Method: get, Path: "/groups/{group_id}/agents", Summary: "Get agents in a group",
			Stream: true, DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permGroupRead, permReadAll},
			QueryParams: []string{"offset", "limit", "select", "sort", "search", "status", "q", "distinct"}},
		{ID: routeGetGroupConfig, Method: get, Path: "/groups/{group_id}/configuration", Summary: "Get group configuration",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permGroupRead}, QueryParams: []string{"offset", "limit"}},
		{ID: routePutGroupConfig, Method: put, Path: "/groups/{group_id}/configuration", Summary: "Update group configuration",
			DAPI:        sdk.DAPILocalMaster,
			Permissions: []sdk.Permission{{Action: "group:update_config", Resource: "group:id:{group_id}"}},
			QueryParams: []string{}, Consumes: []string{"application/xml"}},
		{ID: routeGroupFiles, Method: get, Path: "/groups/{group_id}/files", Summary: "Get group files",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permGroupRead},
			QueryParams: []string{"offset", "limit", "sort", "search", "hash", "q", "select", "distinct"}},
		{ID: routeGroupFile, Method: get, Path: "/groups/{group_id}/files/{file_name}", Summary: "Get a file in group",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permGroupRead}, QueryParams: []string{"type", "raw"}},
		{ID: routeOverview, Method: get, Path: "/overview/agents", Summary: "Get agents overview",
			DAPI:        sdk.DAPILocalMaster,
			Permissions: []sdk.Permission{permReadAll, {Action: "group:read", Resource: "group:id:*"}}, QueryParams: []string{}},
		{ID: routeTasks, Method: get, Path: "/tasks/status", Summary: "List tasks", DAPI: sdk.DAPILocalMaster,
			Permissions: []sdk.Permission{{Action: "task:status", Resource: "*:*:*"}},
			QueryParams: []string{"offset", "limit", "q", "search", "select", "sort", "agents_list", "tasks_list",
				"command", "node", "module", "status"}},
	}
}

// actionInfo holds what GET /security/actions shows for an action
// (spec.yaml x-rbac-catalog).
var actionInfo = []struct{ name, desc string }{
	{"agent:create", "Create new agents"},
	{"agent:read", "Access agents information (id, name, group, last keep alive, etc)"},
	{"agent:delete", "Delete agents"},
	{"agent:modify_group", "Change the group of agents"},
	{"group:modify_assignments", "Change the agents assigned to the group"},
	{"agent:upgrade", "Upgrade the version of the agents"},
	{"agent:reconnect", "Force reconnect agents"},
	{"agent:restart", "Restart agents"},
	{"agent:uninstall", "Check user's permission to uninstall agents"},
	{"group:create", "Create new agent groups"},
	{"group:read", "Access agent groups information (id, name, agents, etc)"},
	{"group:update_config", "Change the configuration of agent groups"},
	{"group:delete", "Delete agent groups"},
	{"task:status", "Access task's status information"},
}

// actions builds the registered actions with their related endpoints.
func actions(routes []sdk.Route) []sdk.Action {
	out := make([]sdk.Action, 0, len(actionInfo))
	for _, a := range actionInfo {
		act := sdk.Action{Name: a.name, Description: a.desc}
		switch {
		case a.name == "agent:create" || a.name == "agent:uninstall" || a.name == "group:create" || a.name == "task:status":
			act.Resources = []string{"*:*"}
		case a.name[:6] == "group:":
			act.Resources = []string{"group:id"}
		default:
			act.Resources = []string{"agent:id", "agent:group"}
		}
		for _, r := range routes {
			for _, p := range r.Permissions {
				if p.Action == a.name {
					act.RelatedEndpoints = append(act.RelatedEndpoints, r.Method+" "+r.Path)
					break
				}
			}
		}
		out = append(out, act)
	}
	return out
}
