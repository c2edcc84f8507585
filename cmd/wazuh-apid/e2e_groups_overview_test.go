package main

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
)

// grOverview is GET /overview/agents's data with the lists sorted, as
// their order is not documented.
type grOverview struct {
	Nodes []struct {
		Node  string `json:"node_name"`
		Count int    `json:"count"`
	} `json:"nodes"`
	Groups []struct {
		Name  string `json:"name"`
		Count int    `json:"count"`
	} `json:"groups"`
	OS []struct {
		OS    map[string]string `json:"os"`
		Count int               `json:"count"`
	} `json:"agent_os"`
	Status struct {
		Connection    map[string]int `json:"connection"`
		Configuration map[string]int `json:"configuration"`
	} `json:"agent_status"`
	Versions []struct {
		Version string `json:"version"`
		Count   int    `json:"count"`
	} `json:"agent_version"`
	Last []struct {
		ID string `json:"id"`
	} `json:"last_registered_agent"`
}

// GET /overview/agents (get_full_overview): sections computed in "all"
// mode, so missing permissions give empty sections, never a 403
// (api-surface.md §1.6); agent_status is nested, last_registered_agent a
// list (dashboard-calls.md #19). The manager is not an agent of it.
func TestOverviewAgentsThroughHost(t *testing.T) {
	e, tok := grAgentsEnv(t)
	overview := func(token string) (grOverview, string) {
		status, _, body := e.grDo(t, http.MethodGet, "/overview/agents", token, "", "")
		var env struct {
			Data  grOverview `json:"data"`
			Error *int       `json:"error"`
		}
		if status != 200 || json.Unmarshal([]byte(body), &env) != nil || env.Error == nil || *env.Error != 0 {
			t.Fatalf("overview: %d %s", status, body)
		}
		return env.Data, body
	}
	fmtList := func(o grOverview) []string {
		var out []string
		for _, n := range o.Nodes {
			out = append(out, "node "+n.Node+"="+itoa(n.Count))
		}
		for _, g := range o.Groups {
			out = append(out, "group "+g.Name+"="+itoa(g.Count))
		}
		for _, s := range o.OS {
			out = append(out, "os "+s.OS["name"]+"/"+s.OS["platform"]+"/"+s.OS["version"]+"="+itoa(s.Count))
		}
		for _, v := range o.Versions {
			out = append(out, "version "+v.Version+"="+itoa(v.Count))
		}
		for _, l := range o.Last {
			out = append(out, "last "+l.ID)
		}
		for k, v := range o.Status.Connection {
			out = append(out, "connection "+k+"="+itoa(v))
		}
		for k, v := range o.Status.Configuration {
			out = append(out, "configuration "+k+"="+itoa(v))
		}
		slices.Sort(out)
		return out
	}
	check := func(name, token string, want []string) {
		t.Helper()
		o, body := overview(token)
		slices.Sort(want)
		if got := fmtList(o); !slices.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q\nbody %s", name, got, want, body)
		}
	}
	check("administrator", e.admin, []string{
		"node node01=2", "node unknown=2",
		"group default=0", "group dmz=3", "group web=1",
		"os Ubuntu/ubuntu/22.04=2", "os //=2",
		"version Wazuh v4.14.7=1", "version Wazuh v4.9.0=1", "version =2",
		"last 004",
		"connection active=1", "connection disconnected=1", "connection never_connected=1", "connection pending=1", "connection total=4",
		"configuration synced=1", "configuration not_synced=3", "configuration total=4",
	})
	// Only agents 001 and 003 and group dmz are visible; group counts are
	// the groups' own.
	check("dmzreader", tok["dmzreader"], []string{
		"node node01=1", "node unknown=1", "group dmz=3", "os Ubuntu/ubuntu/22.04=1", "os //=1",
		"version Wazuh v4.14.7=1", "version =1", "last 003",
		"connection active=1", "connection disconnected=0", "connection never_connected=1", "connection pending=0", "connection total=2",
		"configuration synced=1", "configuration not_synced=1", "configuration total=2",
	})
	empty := `{"data": {"nodes": [], "groups": [], "agent_os": [], "agent_status": {"connection": {"active": 0, "disconnected": 0, ` +
		`"never_connected": 0, "pending": 0, "total": 0}, "configuration": {"synced": 0, "not_synced": 0, "total": 0}}, ` +
		`"agent_version": [], "last_registered_agent": []}, "error": 0}`
	if _, body := overview(tok["noperm"]); body != empty {
		t.Errorf("no roles:\n got %s\nwant %s", body, empty)
	}
	if o, _ := overview(tok["groupsonly"]); len(o.Groups) != 3 || len(o.Nodes) != 0 || o.Status.Connection["total"] != 0 || len(o.Last) != 0 {
		t.Errorf("groups only: %+v", o)
	}
	e.grRun(t, []grCase{
		{name: "extra parameter", method: http.MethodGet, path: "/overview/agents?q=id%3D001", token: e.admin, status: 400, want: grExtra("q")},
		{name: "pretty", method: http.MethodGet, path: "/overview/agents?pretty=yes", token: e.admin, status: 400,
			want: `{"title": "Bad Request", "detail": "'yes' is not of type 'boolean'. Failed validating 'type' in schema: {'type': 'boolean', 'default': False}. On instance: 'yes'"}`},
		{name: "method", method: http.MethodPost, path: "/overview/agents", token: e.admin, status: 405,
			want: `{"title": "Method Not Allowed", "detail": "405: Method Not Allowed"}`},
	})
}
