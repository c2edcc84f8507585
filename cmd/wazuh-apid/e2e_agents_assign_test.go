package main

import (
	"net/http"
	"strings"
	"testing"
)

// agGroupsOf returns the groups GET /agents lists for an agent.
func (e *agEnv) agGroupsOf(t *testing.T, id string) string {
	t.Helper()
	_, body := e.call(t, http.MethodGet, "/agents?agents_list="+id+"&select=group", e.admin, "")
	_, after, _ := strings.Cut(body, `"affected_items": [`)
	items, _, _ := strings.Cut(after, `], "total_affected_items"`)
	return "[" + items + "]"
}

// PUT/DELETE /agents/group, PUT/DELETE /agents/{id}/group/{group_id} and
// DELETE /agents/{id}/group end to end, in sequence over one database:
// assignments (force_single_group), removals (reassignment to default),
// 1701/1703/1710/1734/1745/1751 as failed items or raised errors, the
// "all" modes that drop them, RBAC on both resources and bad input.
func TestAgentsE2EGroupAssignment(t *testing.T) {
	e := agStart(t, "")
	for _, n := range []string{"web01", "web02", "web03", "web04", "web05"} {
		e.register(t, n)
	}
	e.group(t, "dmz")
	e.group(t, "web")
	tok := e.users(t, map[string][]agPolicy{
		"assigner": {agAllow("agent:modify_group", "agent:id:001", "agent:id:002"), agAllow("group:modify_assignments", "group:id:dmz")},
		"noagent":  {agAllow("group:modify_assignments", "group:id:*")},
		"nogroup":  {agAllow("agent:modify_group", "agent:id:*")},
	})
	put, del := http.MethodPut, http.MethodDelete
	e.agRun(t, []agCase{
		{put, "/agents/group?agents_list=001,002,003,004&group_id=default", e.admin, "", "200 error=0 total=4 items=[001 002 003 004] failed=[] All selected agents were assigned to default"},
		// One agent.
		{put, "/agents/001/group/dmz", e.admin, "", "200 error=0 total=1 items=[001] failed=[] All selected agents were assigned to dmz"},
		{put, "/agents/001/group/dmz", e.admin, "", "200 error=1 total=0 items=[] failed=[1751:[001]] No agents were assigned to dmz"},
		{put, "/agents/000/group/dmz", e.admin, "", "200 error=1 total=0 items=[] failed=[1703:[000]] No agents were assigned to dmz"},
		{put, "/agents/999/group/dmz", e.admin, "", "200 error=1 total=0 items=[] failed=[1701:[999]] No agents were assigned to dmz"},
		{put, "/agents/001/group/nope", e.admin, "", "404 1710 The group does not exist dapi"},
		{put, "/agents/002/group/web?force_single_group=true", e.admin, "", "200 error=0 total=1 items=[002] failed=[] All selected agents were assigned to web and removed from the other groups"},
		// Several agents; no agents_list is every agent (1751 dropped).
		{put, "/agents/group?agents_list=002,003,999,000&group_id=dmz", e.admin, "", "200 error=2 total=2 items=[002 003] failed=[1701:[999] 1703:[000]] Some agents were not assigned to dmz"},
		{put, "/agents/group?group_id=web", e.admin, "", "200 error=0 total=4 items=[001 003 004 005] failed=[] All selected agents were assigned to web"},
		{put, "/agents/group?agents_list=001&group_id=nope", e.admin, "", "404 1710 The group does not exist dapi"},
		{del, "/agents/group?agents_list=001,004,999,000&group_id=dmz", e.admin, "", "200 error=2 total=1 items=[001] failed=[1701:[999] 1703:[000] 1734:[004]] Some agents were not removed from group dmz"},
		{del, "/agents/group?agents_list=all&group_id=web", e.admin, "", "200 error=0 total=5 items=[001 002 003 004 005] failed=[] All selected agents were removed from group web"},
		{del, "/agents/group?agents_list=004&group_id=default", e.admin, "", "200 error=1 total=0 items=[] failed=[1745:[004]] No agent was removed from group default"},
		{del, "/agents/group?agents_list=004&group_id=nope", e.admin, "", "404 1710 The group does not exist dapi"},
		// One agent, one group: a WazuhResult, errors raised.
		{del, "/agents/003/group/dmz", e.admin, "", `{"message": "Agent '003' removed from 'dmz'.", "error": 0}`},
		{put, "/agents/005/group/dmz", e.admin, "", "200 error=0 total=1 items=[005]"},
		{del, "/agents/005/group/default", e.admin, "", `{"message": "Agent '005' removed from 'default'.", "error": 0}`},
		{del, "/agents/005/group/dmz", e.admin, "", `{"message": "Agent '005' removed from 'dmz'. Agent reassigned to group default.", "error": 0}`},
		{del, "/agents/004/group/dmz", e.admin, "", "400 1734 Error removing agent from group dapi"},
		{del, "/agents/004/group/default", e.admin, "", "400 1745 Agent only belongs to 'default' and it cannot be unassigned from this group dapi"},
		{del, "/agents/000/group/dmz", e.admin, "", "400 1703 Action not available for Manager (agent 000) dapi"},
		{del, "/agents/004/group/nope", e.admin, "", "404 1710 The group does not exist dapi"},
		// One agent, several groups.
		{put, "/agents/001/group/dmz", e.admin, "", "200 error=0 total=1 items=[001]"},
		{put, "/agents/001/group/web", e.admin, "", "200 error=0 total=1 items=[001]"},
		// default is tried last and 001 still has web then, so it goes too (remove_agent_from_groups).
		{del, "/agents/001/group?groups_list=dmz,nope,default", e.admin, "", "200 error=2 total=2 items=[default dmz] failed=[1710:[nope]] Specified agent was not removed from some groups"},
		{del, "/agents/001/group", e.admin, "", "200 error=0 total=1 items=[web] failed=[] Specified agent was removed from returned groups"},
		{del, "/agents/001/group", e.admin, "", "200 error=0 total=0 items=[] failed=[] Specified agent was not removed from any group"},
		{del, "/agents/000/group", e.admin, "", "400 1703 Action not available for Manager (agent 000) dapi"},
		{del, "/agents/999/group?groups_list=dmz", e.admin, "", "404 1701 Agent does not exist dapi"},
		// RBAC: agent:modify_group on agent:id and group:modify_assignments on group:id.
		{put, "/agents/group?agents_list=001,003&group_id=dmz", tok["assigner"], "", "200 error=2 total=1 items=[001] failed=[4000:[003]] Some agents were not assigned to dmz"},
		{del, "/agents/002/group/dmz", e.admin, "", `{"message": "Agent '002' removed from 'dmz'. Agent reassigned to group default.", "error": 0}`},
		{put, "/agents/group?group_id=dmz", tok["assigner"], "", "200 error=0 total=1 items=[002] failed=[] All selected agents were assigned to dmz"},
		{put, "/agents/003/group/dmz", tok["assigner"], "", "403 4000 Permission denied: Resource type: agent:id dapi"},
		{put, "/agents/001/group/web", tok["assigner"], "", "403 4000 Permission denied: Resource type: group:id dapi"},
		{del, "/agents/group?agents_list=001,002,004&group_id=dmz", tok["assigner"], "", "200 error=2 total=2 items=[001 002] failed=[4000:[004]] Some agents were not removed from group dmz"},
		{del, "/agents/001/group/web", tok["assigner"], "", "403 4000 Permission denied: Resource type: group:id dapi"},
		{put, "/agents/group?group_id=dmz", tok["noagent"], "", "200 error=0 total=0 items=[] failed=[] No agents were assigned to dmz"},
		{del, "/agents/group?agents_list=all&group_id=dmz", tok["noagent"], "", "200 error=0 total=0 items=[] failed=[] No agent was removed from group dmz"},
		{put, "/agents/004/group/dmz", tok["noagent"], "", "403 4000 Permission denied: Resource type: agent:id dapi"},
		{put, "/agents/004/group/dmz", e.admin, "", "200 error=0 total=1 items=[004]"},
		{del, "/agents/004/group?groups_list=dmz,web", tok["assigner"], "", "403 4000 Permission denied: Resource type: agent:id dapi"},
		{del, "/agents/004/group?groups_list=dmz", tok["nogroup"], "", "403 4000 Permission denied: Resource type: group:id dapi"},
		{del, "/agents/004/group", tok["nogroup"], "", "200 error=0 total=0 items=[] failed=[] Specified agent was not removed from any group"},
		{del, "/agents/004/group?groups_list=web,dmz", tok["noagent"], "", "403 4000 Permission denied: Resource type: agent:id dapi"},
		// Bad input.
		{put, "/agents/group?agents_list=001", e.admin, "", "400 0 Missing query parameter 'group_id'"},
		{put, "/agents/group?agents_list=all&group_id=dmz", e.admin, "", "400 0 'all' is not a 'numbers'"},
		{del, "/agents/group?group_id=dmz", e.admin, "", "400 0 Missing query parameter 'agents_list'"},
		{del, "/agents/group?agents_list=001&group_id=all", e.admin, "", "400 0 'all' is not a 'group_names'"},
		{put, "/agents/001/group/all", e.admin, "", "400 0 'all' is not a 'group_names'"},
		{put, "/agents/001/group/dmz?force_single_group=yes", e.admin, "", "400 0 'yes' is not of type 'boolean'"},
		{put, "/agents/1/group/dmz", e.admin, "", "400 0 '1' is too short"},
		{del, "/agents/001/group/..", e.admin, "", "400 0 '..' is not a 'group_names'"},
		{del, "/agents/001/group?groups_list=a%24b", e.admin, "", "400 0 'a$b' is not a 'group_names'. Failed validating 'format' in schema['items']"},
	})
	for id, want := range map[string]string{"001": `[{"group": ["default"], "id": "001"}]`, "002": `[{"group": ["default"], "id": "002"}]`,
		"003": `[{"group": ["default"], "id": "003"}]`, "004": `[{"group": ["default", "dmz"], "id": "004"}]`, "005": `[{"group": ["default"], "id": "005"}]`} {
		if got := e.agGroupsOf(t, id); got != want {
			t.Errorf("groups of %s: %s, want %s", id, got, want)
		}
	}
	// api-surface.md §3's 404 example, byte for byte (the agent is checked
	// before the group).
	status, body := e.call(t, del, "/agents/999/group/g1", e.admin, "")
	if want := "{\"title\": \"Resource Not Found\", \"detail\": \"Agent does not exist\", \"remediation\": \"Please, use `GET /agents?select=id,name` to find all available agents\", \"dapi_errors\": {\"node01\": {\"error\": \"Agent does not exist\"}}, \"error\": 1701}"; status != 404 || body != want {
		t.Errorf("404 example:\n got %d %s\nwant %s", status, body, want)
	}
}
