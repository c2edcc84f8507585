package main

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk/sdktest"
)

var update = flag.Bool("update", false, "rewrite testdata/descriptor.golden.json")

func groupHost(t *testing.T) *sdktest.FakeHost {
	h := newTestHost(t, &fakeDB{agents: standardAgents()})
	ctx := context.Background()
	for _, g := range []string{"default", "dmz"} {
		if err := h.Files().MkDir(ctx, "etc/shared/"+g, 0o770); err != nil {
			t.Fatal(err)
		}
		if err := h.Files().Write(ctx, "etc/shared/"+g+"/agent.conf", []byte(defaultAgentConf), 0o660); err != nil {
			t.Fatal(err)
		}
	}
	h.OnWDBFunc("global delete-group ", func(string) (json.RawMessage, error) { return nil, nil })
	h.OnWDBFunc("global insert-agent-group ", func(string) (json.RawMessage, error) { return nil, nil })
	return h
}

// api-surface.md §2.3: DELETE /groups?groups_list=default,nope, byte for byte.
func TestDeleteGroupsTotalFailure(t *testing.T) {
	mod := New()
	c := sdktest.Direct(t, mod, groupHost(t), nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeDeleteGroups, "groups_list=default,nope", nil))
	want := `{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 2, "failed_items": [{"error": {"code": 1710, "message": "The group does not exist", "remediation": "Please, use ` + "`GET /agents/groups`" + ` to find all available groups"}, "id": ["nope"]}, {"error": {"code": 1712, "message": "Default group is not deletable", "remediation": "Please, visit the official documentation (https://documentation.wazuh.com/4.14/user-manual/agents/grouping-agents.html)to get more information"}, "id": ["default"]}]}, "message": "No group was deleted", "error": 1}`
	if body != want {
		t.Fatalf("got  %s\nwant %s", body, want)
	}
}

func TestCreateListAndDeleteGroup(t *testing.T) {
	mod := New()
	h := groupHost(t)
	c := sdktest.Serve(t, mod, h, nil)
	req := sdktest.NewRequest(mod.Describe(), routePostGroup, "", nil)
	req.Body = []byte(`{"group_id":"NewGroup_1"}`)
	if body := mustBody(t, c, req); body != `{"message": "Group 'NewGroup_1' created.", "error": 0}` {
		t.Fatalf("create %s", body)
	}
	if _, err := os.Stat(filepath.Join(h.Root(), "etc/shared/NewGroup_1/agent.conf")); err != nil {
		t.Fatal(err)
	}
	if _, werr := call(t, c, req); werr == nil || werr.Code != 1711 {
		t.Fatalf("duplicate: %+v", werr)
	}
	req.Body = []byte(`{"group_id":"all"}`)
	if _, werr := call(t, c, req); werr == nil || !strings.HasPrefix(werr.Message, "'all' is not a 'group_names' - 'group_id'") {
		t.Fatalf("bad name: %+v", werr)
	}
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeGetGroups, "", nil))
	// The array engine sorts without case, as Wazuh's process_array does.
	want := `{"data": {"affected_items": [{"name": "default", "count": 2, "configSum": "ab73af41699f13fdd81903b5f23d8d00"}, {"name": "dmz", "count": 2, "configSum": "ab73af41699f13fdd81903b5f23d8d00"}, {"name": "NewGroup_1", "count": 0, "configSum": "ab73af41699f13fdd81903b5f23d8d00"}], "total_affected_items": 3`
	if !strings.HasPrefix(body, want) {
		t.Fatalf("list %s", body)
	}
	body = mustBody(t, c, scoped(sdktest.NewRequest(mod.Describe(), routeGetGroups, "groups_list=dmz,default,nope", nil), "group:read", "dmz", "nope"))
	if !strings.Contains(body, `"affected_items": [{"name": "dmz"`) || !strings.Contains(body, `"code": 1710`) ||
		!strings.Contains(body, `"code": 4000`) {
		t.Fatalf("partial %s", body)
	}
	body = mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeDeleteGroups, "groups_list=NewGroup_1", nil))
	if !strings.Contains(body, `"affected_items": ["NewGroup_1"]`) {
		t.Fatalf("delete %s", body)
	}
}

func TestGroupAssignment(t *testing.T) {
	mod := New()
	h := groupHost(t)
	c := sdktest.Direct(t, mod, h, nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeAssignGroupAgents, "group_id=dmz&agents_list=001,002,999", nil))
	for _, want := range []string{`"affected_items": ["001"]`, `"code": 1701`, `"code": 1751`,
		`"message": "Some agents were not assigned to dmz", "error": 2`} {
		if !strings.Contains(body, want) {
			t.Fatalf("missing %s in %s", want, body)
		}
	}
	var sent string
	for _, cl := range h.Calls() {
		if strings.HasPrefix(cl.Target, "global set-agent-groups") {
			sent = cl.Target
		}
	}
	if sent != `global set-agent-groups {"mode":"append","sync_status":"syncreq","data":[{"id":1,"groups":["dmz"]}]}` {
		t.Fatalf("sent %s", sent)
	}
	req := sdktest.NewRequest(mod.Describe(), routeRemoveAgentGroup, "", map[string]string{"agent_id": "003", "group_id": "dmz"})
	if body := mustBody(t, c, req); body != `{"message": "Agent '003' removed from 'dmz'. Agent reassigned to group default.", "error": 0}` {
		t.Fatalf("remove %s", body)
	}
	req = sdktest.NewRequest(mod.Describe(), routeRemoveAgentGroup, "", map[string]string{"agent_id": "999", "group_id": "dmz"})
	if _, werr := call(t, c, req); werr == nil || werr.Code != 1701 || werr.Status() != 404 {
		t.Fatalf("missing agent %+v", werr)
	}
	req = sdktest.NewRequest(mod.Describe(), routeAssignGroupAgents, "group_id=nope&agents_list=001", nil)
	if _, werr := call(t, c, req); werr == nil || werr.Code != 1710 || werr.Status() != 404 {
		t.Fatalf("missing group %+v", werr)
	}
}

func TestSummaryStatusExcludesManager(t *testing.T) {
	mod := New()
	c := sdktest.Direct(t, mod, newTestHost(t, &fakeDB{agents: standardAgents()}), nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeSummaryStatus, "", nil))
	want := `{"data": {"connection": {"active": 2, "disconnected": 1, "never_connected": 1, "pending": 0, "total": 4}, "configuration": {"synced": 2, "not_synced": 2, "total": 4}}, "error": 0}`
	if body != want {
		t.Fatalf("got %s", body)
	}
}

// The descriptor is pinned so route and permission changes are visible.
func TestDescriptorGolden(t *testing.T) {
	got, err := json.MarshalIndent(New().Describe(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "descriptor.golden.json")
	if *update {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(got)+"\n" {
		t.Fatal("descriptor changed; review and run go test -run TestDescriptorGolden -update")
	}
}

func TestRouterCoversDescriptor(t *testing.T) {
	if err := New().router.Validate(); err != nil {
		t.Fatal(err)
	}
}

var (
	fixtureID     = regexp.MustCompile(`VALUES\s*\((\d+),`)
	fixtureStatus = regexp.MustCompile(`'(active|pending|never_connected|disconnected)'`)
)

// With ../shared present, GET /agents/summary/status over the unit fixture
// schema_global_test.sql gives data-layer.md §10.1's counts (id > 0:
// active 6, disconnected 1, never_connected 1, pending 1). The fake
// wazuh-db answers from the fixture's own rows.
func TestSummaryStatusOnUnitFixture(t *testing.T) {
	raw, err := os.ReadFile("../../../shared/reference/wazuh-4.14/fixtures/unit/schema_global_test.sql")
	if err != nil {
		t.Skip("shared reference not present")
	}
	var agents []fakeAgent
	for _, stmt := range strings.Split(string(raw), "INSERT INTO agent ")[1:] {
		id := fixtureID.FindStringSubmatch(stmt)
		if id == nil {
			continue
		}
		status := "never_connected" // the column default
		if strings.Contains(stmt[:strings.Index(stmt, "VALUES")], "connection_status") {
			all := fixtureStatus.FindAllStringSubmatch(stmt, -1)
			status = all[len(all)-1][1]
		}
		agents = append(agents, fakeAgent{ID: toInt(id[1]), Status: status, Sync: "synced"})
	}
	mod := New()
	c := sdktest.Direct(t, mod, newTestHost(t, &fakeDB{agents: agents}), nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeSummaryStatus, "", nil))
	if !strings.HasPrefix(body, `{"data": {"connection": {"active": 6, "disconnected": 1, "never_connected": 1, "pending": 1, "total": 9}`) {
		t.Fatalf("got %s", body)
	}
}
