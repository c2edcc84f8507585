package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk/sdktest"
)

// Behaviours of the group routes that follow Wazuh's framework code
// (framework/wazuh/agent.py) rather than the single-resource 404 pattern.

// get_group_files reports a group that does not exist as a 1710 failed
// item (HTTP 200, error 1) and lists every entry of the group directory,
// a subdirectory with hash null (get_hash's None).
func TestGroupFilesWazuhListing(t *testing.T) {
	mod := New()
	h := groupHost(t)
	if err := h.Files().MkDir(context.Background(), "etc/shared/dmz/sub", 0o770); err != nil {
		t.Fatal(err)
	}
	c := sdktest.Serve(t, mod, h, nil)
	req := func(group, query string) string {
		return mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeGroupFiles, query, map[string]string{"group_id": group}))
	}
	want := `{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 1, "failed_items": [{"error": {"code": 1710, "message": "The group does not exist", "remediation": "Please, use ` +
		"`GET /agents/groups`" + ` to find all available groups"}, "id": ["nope"]}]}, "message": "No groups files were returned", "error": 1}`
	if got := req("nope", ""); got != want {
		t.Fatalf("unknown group\ngot  %s\nwant %s", got, want)
	}
	want = `{"data": {"affected_items": [{"filename": "agent.conf", "hash": "ab73af41699f13fdd81903b5f23d8d00"}, {"filename": "ar.conf", "hash": null}, {"filename": "sub", "hash": null}], "total_affected_items": 3`
	if got := req("dmz", ""); !strings.HasPrefix(got, want) {
		t.Fatalf("listing\ngot  %s\nwant %s…", got, want)
	}
	// A denied group is still Wazuh's 403, whether it exists or not.
	for _, g := range []string{"dmz", "nope"} {
		r := scoped(sdktest.NewRequest(mod.Describe(), routeGroupFiles, "", map[string]string{"group_id": g}), "group:read", "default")
		if _, werr := call(t, c, r); werr == nil || werr.Code != 4000 || werr.Status() != 403 {
			t.Fatalf("denied %s: %+v", g, werr)
		}
	}
}

// create_group refuses `group_id.lower() == "default"` with 1711.
func TestCreateGroupDefaultAnyCase(t *testing.T) {
	mod := New()
	c := sdktest.Serve(t, mod, groupHost(t), nil)
	for _, g := range []string{"Default", "DEFAULT"} {
		req := sdktest.NewRequest(mod.Describe(), routePostGroup, "", nil)
		req.Body = []byte(`{"group_id":"` + g + `"}`)
		if _, werr := call(t, c, req); werr == nil || werr.Code != 1711 || werr.Message != "The group already exists: "+g {
			t.Fatalf("%s: %+v", g, werr)
		}
	}
}

// remove_agent_from_groups moves "default" to the end of the list and
// removes the groups one by one, so "default" is removable from an agent
// that keeps another group, and a group the agent lacks is 1734 even when
// it is "default".
func TestRemoveAgentFromGroupsDefault(t *testing.T) {
	mod := New()
	cases := []struct {
		agent, list, want, sent string
	}{
		// agent 002 is in default,dmz: removing default leaves dmz.
		{"002", "default", `{"data": {"affected_items": ["default"], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "Specified agent was removed from returned groups", "error": 0}`,
			`{"id":2,"groups":["default"]}`},
		// default is tried last: after dmz it is the only group left.
		{"002", "default,dmz", `{"data": {"affected_items": ["dmz"], "total_affected_items": 1, "total_failed_items": 1, "failed_items": [{"error": {"code": 1745, "message": "Agent only belongs to 'default' and it cannot be unassigned from this group"}, "id": ["default"]}]}, "message": "Specified agent was not removed from some groups", "error": 2}`,
			`{"id":2,"groups":["dmz"]}`},
		// agent 003 is only in dmz: default is not one of its groups.
		{"003", "default", `{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 1, "failed_items": [{"error": {"code": 1734, "message": "Error removing agent from group", "remediation": "Agent does not belong to specified group, to assign the agent to a group follow: https://documentation.wazuh.com/4.14/user-manual/agents/grouping-agents.html"}, "id": ["default"]}]}, "message": "Specified agent was not removed from any group", "error": 1}`,
			""},
	}
	for _, tc := range cases {
		h := groupHost(t)
		c := sdktest.Serve(t, mod, h, nil)
		req := sdktest.NewRequest(mod.Describe(), routeRemoveAgentGroups, "groups_list="+tc.list, map[string]string{"agent_id": tc.agent})
		if got := mustBody(t, c, req); got != tc.want {
			t.Fatalf("%s %s\ngot  %s\nwant %s", tc.agent, tc.list, got, tc.want)
		}
		var sent string
		for _, call := range h.Calls() {
			if cmd := call.Target; call.Kind == "wdb" && strings.HasPrefix(cmd, "global set-agent-groups ") {
				sent = cmd
			}
		}
		if tc.sent == "" && sent != "" || tc.sent != "" && !strings.Contains(sent, `"data":[`+tc.sent+`]`) {
			t.Fatalf("%s %s: set-agent-groups %q, want data %s", tc.agent, tc.list, sent, tc.sent)
		}
	}
}

// get_full_overview lists every group (get_agent_groups has no limit),
// not only the first 500.
func TestOverviewListsEveryGroup(t *testing.T) {
	mod := New()
	h := groupHost(t)
	for i := range 600 {
		if err := h.Files().MkDir(context.Background(), fmt.Sprintf("etc/shared/g%03d", i), 0o770); err != nil {
			t.Fatal(err)
		}
	}
	// No agents: every agent query (distinct, summary, last registered,
	// group counts) is empty.
	h.OnWDBFunc(`global sql SELECT `, func(string) (json.RawMessage, error) { return json.RawMessage(`[]`), nil })
	c := sdktest.Direct(t, mod, h, nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeOverview, "", nil))
	var env struct {
		Data struct {
			Groups []struct {
				Name string `json:"name"`
			} `json:"groups"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(body), &env); err != nil {
		t.Fatal(err)
	}
	if n := len(env.Data.Groups); n != 602 || env.Data.Groups[601].Name != "g599" {
		t.Fatalf("%d groups, last %+v", n, env.Data.Groups[len(env.Data.Groups)-1])
	}
}
