package main

import (
	"net/http"
	"testing"
)

// grAgentsEnv registers web01, web02, db01 and db02 (001–004) with fixed
// registration dates, puts 001–003 in dmz and 003 in web, and sets their
// states as remoted would: 001 active (Wazuh v4.14.7, Ubuntu 22.04,
// node01, synced), 002 disconnected (Wazuh v4.9.0, Ubuntu 22.04, node01),
// 003 never connected, 004 pending. Users: dmzreader reads group dmz and
// agents 001 and 003; groupsonly reads every group and no agent; noperm
// has no roles. The e2e_groups_agents and e2e_groups_overview tests each
// start one host on these data.
func grAgentsEnv(t *testing.T) (*grEnv, map[string]string) {
	e := grStart(t)
	e.grRegister(t, "web01", "web02", "db01", "db02")
	for _, g := range []string{"dmz", "web"} {
		e.grMust(t, http.MethodPost, "/groups", `{"group_id":"`+g+`"}`)
	}
	e.grMust(t, http.MethodPut, "/agents/group?agents_list=001,002,003&group_id=dmz", "")
	e.grMust(t, http.MethodPut, "/agents/003/group/web", "")
	for _, stmt := range []string{
		"UPDATE agent SET date_add = 1700000000 + id WHERE id > 0",
		"UPDATE agent SET connection_status = 'active', version = 'Wazuh v4.14.7', last_keepalive = strftime('%s','now'), " +
			"os_name = 'Ubuntu', os_platform = 'ubuntu', os_version = '22.04', os_major = '22', os_minor = '04', " +
			"node_name = 'node01', group_config_status = 'synced' WHERE id = 1",
		"UPDATE agent SET connection_status = 'disconnected', version = 'Wazuh v4.9.0', last_keepalive = 1700000500, " +
			"disconnection_time = 1700000600, os_name = 'Ubuntu', os_platform = 'ubuntu', os_version = '22.04', " +
			"os_major = '22', os_minor = '04', node_name = 'node01' WHERE id = 2",
		"UPDATE agent SET connection_status = 'pending' WHERE id = 4",
	} {
		e.grWDB(t, "global sql "+stmt)
	}
	return e, e.grUsers(t, map[string][]grPolicy{
		"dmzreader":  {grAllow("group:read", "group:id:dmz"), grAllow("agent:read", "agent:id:001", "agent:id:003")},
		"groupsonly": {grAllow("group:read", "group:id:*")},
		"noperm":     nil,
	})
}

// GET /groups/{group_id}/agents: get_agents with q = "group=<g>;(<q>)";
// group:read on the group (403 when denied), agent:read filtering
// silently; an unknown group is 404 1710 (api-surface.md §1.3).
func TestGroupAgentsThroughHost(t *testing.T) {
	e, tok := grAgentsEnv(t)
	const all, none = "All selected agents information was returned", "No agent information was returned"
	a1, a2, a3 := `{"name": "web01", "status": "active", "id": "001"}`, `{"name": "web02", "status": "disconnected", "id": "002"}`,
		`{"name": "db01", "status": "never_connected", "id": "003"}`
	get := http.MethodGet
	e.grRun(t, []grCase{
		{name: "members", method: get, path: "/groups/dmz/agents?select=name,status", token: e.admin, status: 200,
			want: grItems(a1+", "+a2+", "+a3, 3, "", 0, all, 0)},
		{name: "other group", method: get, path: "/groups/web/agents?select=name,status", token: e.admin, status: 200,
			want: grItems(a3, 1, "", 0, all, 0)},
		{name: "status filter", method: get, path: "/groups/dmz/agents?status=active,disconnected&select=name,status", token: e.admin,
			status: 200, want: grItems(a1+", "+a2, 2, "", 0, all, 0)},
		{name: "q, sort, offset, limit", method: get, path: "/groups/dmz/agents?q=name~web&sort=-name&offset=1&limit=1&select=name,status",
			token: e.admin, status: 200, want: grItems(a1, 2, "", 0, all, 0)},
		{name: "q cannot escape the group", method: get, path: "/groups/web/agents?q=id%3D001,id%3D002&select=name", token: e.admin,
			status: 200, want: grItems("", 0, "", 0, none, 0)},
		{name: "distinct", method: get, path: "/groups/dmz/agents?distinct=true&select=os.name", token: e.admin, status: 200,
			want: grItems(`{"os": {"name": "Ubuntu"}}`, 1, "", 0, all, 0)},
		{name: "empty group", method: get, path: "/groups/default/agents", token: e.admin, status: 200,
			want: grItems("", 0, "", 0, none, 0)},
		{name: "unknown group", method: get, path: "/groups/nope/agents", token: e.admin, status: 404, want: grNoGroup},
		{name: "agents filtered silently", method: get, path: "/groups/dmz/agents?select=name,status", token: tok["dmzreader"],
			status: 200, want: grItems(a1+", "+a3, 2, "", 0, all, 0)},
		{name: "group denied", method: get, path: "/groups/web/agents", token: tok["dmzreader"], status: 403, want: grDenied("group:id")},
		{name: "no agent:read: empty", method: get, path: "/groups/dmz/agents", token: tok["groupsonly"], status: 200,
			want: grItems("", 0, "", 0, none, 0)},
		{name: "no roles", method: get, path: "/groups/dmz/agents", token: tok["noperm"], status: 403, want: grDenied("group:id")},
		{name: "bad status", method: get, path: "/groups/dmz/agents?status=bogus", token: e.admin, status: 400,
			want: grBad("'bogus' is not one of ['active', 'pending', 'never_connected', 'disconnected']. Failed validating 'enum'")},
		{name: "all is not a group", method: get, path: "/groups/all/agents", token: e.admin, status: 400,
			want: grBad("'all' is not a 'group_names'. Failed validating 'format'")},
		{name: "encoded dot dot", method: get, path: "/groups/%2e%2e/agents", token: e.admin, status: 400,
			want: grBad("'..' is not a 'group_names'. Failed validating 'format'")},
		{name: "limit", method: get, path: "/groups/dmz/agents?limit=100001", token: e.admin, status: 400,
			want: grBad("100001 is greater than the maximum of 100000. Failed validating 'maximum'")},
		{name: "sort field", method: get, path: "/groups/dmz/agents?sort=%2Bbogus", token: e.admin, status: 400,
			want: grBad("Not a valid sort field: Allowed sort fields: ")},
		{name: "q field", method: get, path: "/groups/dmz/agents?q=bogus%3D1", token: e.admin, status: 400,
			want: grBad("Field does not exist: Available fields: ")},
		{name: "extra parameter", method: get, path: "/groups/dmz/agents?agents_list=001", token: e.admin, status: 400, want: grExtra("agents_list")},
	})
}
