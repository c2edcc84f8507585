package main

import (
	"net/http"

	"github.com/wazuh-go/server/sdk"
)

// Permission templates shared by the routes (api-surface.md §1.2).
var (
	permReadList   = sdk.Permission{Action: "agent:read", Resource: "agent:id:{agents_list}"}
	permReadAll    = sdk.Permission{Action: "agent:read", Resource: "agent:id:*"}
	permReadOne    = sdk.Permission{Action: "agent:read", Resource: "agent:id:{agent_id}"}
	permCreate     = sdk.Permission{Action: "agent:create", Resource: "*:*:*"}
	permModifyOne  = sdk.Permission{Action: "agent:modify_group", Resource: "agent:id:{agent_id}"}
	permModifyList = sdk.Permission{Action: "agent:modify_group", Resource: "agent:id:{agents_list}"}
	permAssignList = sdk.Permission{Action: "group:modify_assignments", Resource: "group:id:{groups_list}"}
	permAssignOne  = sdk.Permission{Action: "group:modify_assignments", Resource: "group:id:{group_id}"}
	permRestartAll = sdk.Permission{Action: "agent:restart", Resource: "agent:id:*"}
	permUpgrade    = sdk.Permission{Action: "agent:upgrade", Resource: "agent:id:{agents_list}"}
)

// agentFilterParams are the legacy agent filters of the upgrade and delete
// operations, in spec order.
var agentFilterParams = []string{"q", "os.platform", "os.version", "os.name", "manager", "version", "group",
	"node_name", "name", "ip", "registerIP"}

func with(base []string, more ...string) []string {
	return append(append([]string{}, base...), more...)
}

// agentRoutes are the /agents operations. Literal paths come before
// templated ones with the same shape.
func agentRoutes() []sdk.Route {
	get, put, post, del := http.MethodGet, http.MethodPut, http.MethodPost, http.MethodDelete
	return []sdk.Route{
		{ID: routeGetAgents, Method: get, Path: "/agents", Summary: "List agents", Stream: true,
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permReadList},
			QueryParams: []string{"agents_list", "offset", "limit", "select", "sort", "search", "status", "q",
				"older_than", "os.platform", "os.version", "os.name", "manager", "version", "group", "node_name",
				"name", "ip", "registerIP", "group_config_status", "distinct"}},
		{ID: routeDeleteAgents, Method: del, Path: "/agents", Summary: "Delete agents", DAPI: sdk.DAPILocalMaster,
			Permissions: []sdk.Permission{{Action: "agent:delete", Resource: "agent:id:{agents_list}"}},
			QueryParams: with([]string{"agents_list", "purge", "status", "older_than"}, agentFilterParams...)},
		{ID: routeAddAgent, Method: post, Path: "/agents", Summary: "Add agent", DAPI: sdk.DAPILocalMaster,
			Permissions: []sdk.Permission{permCreate}, QueryParams: []string{}},
		{ID: routeUpgradeAgents, Method: put, Path: "/agents/upgrade", Summary: "Upgrade agents",
			DAPI: sdk.DAPIDistributedMaster, Permissions: []sdk.Permission{permUpgrade},
			QueryParams: with([]string{"agents_list", "wpk_repo", "upgrade_version", "use_http", "force",
				"package_type"}, agentFilterParams...)},
		{ID: routeUpgradeCustom, Method: put, Path: "/agents/upgrade_custom", Summary: "Upgrade agents using a local WPK file",
			DAPI: sdk.DAPIDistributedMaster, Permissions: []sdk.Permission{permUpgrade},
			QueryParams: with([]string{"agents_list", "file_path", "installer"}, agentFilterParams...)},
		{ID: routeUpgradeResult, Method: get, Path: "/agents/upgrade_result", Summary: "Get upgrade results",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permUpgrade},
			QueryParams: with([]string{"agents_list"}, agentFilterParams...)},
		{ID: routeUninstall, Method: get, Path: "/agents/uninstall", Summary: "Check user's permission to uninstall agents",
			DAPI:        sdk.DAPILocalMaster,
			Permissions: []sdk.Permission{{Action: "agent:uninstall", Resource: "*:*:*"}}, QueryParams: []string{}},
		{ID: routeRemoveGroupAgents, Method: del, Path: "/agents/group", Summary: "Remove agents from group",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permModifyList, permAssignOne},
			QueryParams: []string{"agents_list", "group_id"}},
		{ID: routeAssignGroupAgents, Method: put, Path: "/agents/group", Summary: "Assign agents to group",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permModifyList, permAssignOne},
			QueryParams: []string{"agents_list", "group_id", "force_single_group"}},
		{ID: routeRestartGroup, Method: put, Path: "/agents/group/{group_id}/restart", Summary: "Restart agents in group",
			DAPI: sdk.DAPILocalMaster, QueryParams: []string{},
			Permissions: []sdk.Permission{{Action: "group:read", Resource: "group:id:{group_id}"}, permReadAll, permRestartAll}},
		{ID: routeInsertAgent, Method: post, Path: "/agents/insert", Summary: "Add agent full",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permCreate}, QueryParams: []string{}},
		{ID: routeInsertQuick, Method: post, Path: "/agents/insert/quick", Summary: "Add agent quick",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permCreate}, QueryParams: []string{"agent_name"}},
		{ID: routeNoGroup, Method: get, Path: "/agents/no_group", Summary: "List agents without group", Stream: true,
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permReadAll},
			QueryParams: []string{"offset", "limit", "select", "sort", "search", "q"}},
		{ID: routeRestartNode, Method: put, Path: "/agents/node/{node_id}/restart", Summary: "Restart agents in node",
			DAPI: sdk.DAPIDistributedMaster, QueryParams: []string{},
			Permissions: []sdk.Permission{{Action: "cluster:read", Resource: "node:id:{node_id}"}, permRestartAll}},
		{ID: routeOutdated, Method: get, Path: "/agents/outdated", Summary: "List outdated agents", Stream: true,
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permReadAll},
			QueryParams: []string{"offset", "limit", "sort", "search", "select", "q"}},
		{ID: routeReconnect, Method: put, Path: "/agents/reconnect", Summary: "Force reconnect agents",
			DAPI:        sdk.DAPIDistributedMaster,
			Permissions: []sdk.Permission{{Action: "agent:reconnect", Resource: "agent:id:{agents_list}"}},
			QueryParams: []string{"agents_list"}},
		{ID: routeRestartAgents, Method: put, Path: "/agents/restart", Summary: "Restart agents",
			DAPI:        sdk.DAPIDistributedMaster,
			Permissions: []sdk.Permission{{Action: "agent:restart", Resource: "agent:id:{agents_list}"}},
			QueryParams: []string{"agents_list"}},
		{ID: routeDistinct, Method: get, Path: "/agents/stats/distinct", Summary: "List agents distinct",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permReadAll},
			QueryParams: []string{"fields", "offset", "limit", "sort", "search", "q"}},
		{ID: routeSummary, Method: get, Path: "/agents/summary", Summary: "Summarize agents",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permReadList}, QueryParams: []string{"agents_list"}},
		{ID: routeSummaryOS, Method: get, Path: "/agents/summary/os", Summary: "Summarize agents OS",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permReadAll}, QueryParams: []string{}},
		{ID: routeSummaryStatus, Method: get, Path: "/agents/summary/status", Summary: "Summarize agents status",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permReadAll}, QueryParams: []string{}},
		{ID: routeAgentConfig, Method: get, Path: "/agents/{agent_id}/config/{component}/{configuration}",
			Summary: "Get active configuration", DAPI: sdk.DAPIDistributedMaster,
			Permissions: []sdk.Permission{permReadOne}, QueryParams: []string{}},
		{ID: routeRemoveAgentGroups, Method: del, Path: "/agents/{agent_id}/group", Summary: "Remove agent from groups",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permModifyOne, permAssignList},
			QueryParams: []string{"groups_list"}},
		{ID: routeSyncAgent, Method: get, Path: "/agents/{agent_id}/group/is_sync", Summary: "Get configuration sync status",
			DAPI: sdk.DAPILocalMaster, Deprecated: true, Permissions: []sdk.Permission{permReadOne}, QueryParams: []string{}},
		{ID: routeRemoveAgentGroup, Method: del, Path: "/agents/{agent_id}/group/{group_id}", Summary: "Remove agent from group",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permModifyOne, permAssignOne}, QueryParams: []string{}},
		{ID: routeAssignAgentGroup, Method: put, Path: "/agents/{agent_id}/group/{group_id}", Summary: "Assign agent to group",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permModifyOne, permAssignOne},
			QueryParams: []string{"force_single_group"}},
		{ID: routeAgentKey, Method: get, Path: "/agents/{agent_id}/key", Summary: "Get key",
			DAPI: sdk.DAPILocalMaster, Permissions: []sdk.Permission{permReadOne}, QueryParams: []string{}},
		{ID: routeRestartAgent, Method: put, Path: "/agents/{agent_id}/restart", Summary: "Restart an agent",
			DAPI:        sdk.DAPIDistributedMaster,
			Permissions: []sdk.Permission{{Action: "agent:restart", Resource: "agent:id:{agent_id}"}}, QueryParams: []string{}},
		{ID: routeDaemonStats, Method: get, Path: "/agents/{agent_id}/daemons/stats", Summary: "Get Wazuh daemon stats from an agent",
			DAPI: sdk.DAPIDistributedMaster, Permissions: []sdk.Permission{permReadOne}, QueryParams: []string{"daemons_list"}},
		{ID: routeComponentStats, Method: get, Path: "/agents/{agent_id}/stats/{component}", Summary: "Get agent's component stats",
			DAPI: sdk.DAPIDistributedMaster, Permissions: []sdk.Permission{permReadOne}, QueryParams: []string{}},
	}
}
