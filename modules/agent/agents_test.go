package main

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

func call(t *testing.T, c sdktest.Client, req *sdk.Request) (string, *sdk.Error) {
	t.Helper()
	resp, err := c.Handle(context.Background(), req)
	if err != nil {
		var we *sdk.Error
		if !errors.As(err, &we) {
			t.Fatalf("non-Wazuh error: %v", err)
		}
		return "", we
	}
	return string(resp.Body), nil
}

func mustBody(t *testing.T, c sdktest.Client, req *sdk.Request) string {
	t.Helper()
	body, werr := call(t, c, req)
	if werr != nil {
		t.Fatalf("unexpected error %d %q", werr.Code, werr.Message)
	}
	return body
}

const fullAgentRow = `[{"id":1,"name":"web01","ip":"10.0.0.1","status":"active","os.name":"Ubuntu","os.version":"20.04.2 LTS",` +
	`"os.platform":"ubuntu","version":"Wazuh v4.14.7","manager":"wazuh-master","dateadd":1622032808,"group":"default,dmz",` +
	`"node_name":"node01","lastkeepalive":1622032840,"registerip":"any","disconnection_time":0,` +
	`"group_config_status":"synced","status_code":0,"os.arch":"x86_64"}]`

// GET /agents renders rows as Wazuh does: padded id, nested os, group
// list, ISO dates, NULLs and a zero disconnection_time omitted.
func TestGetAgentsRendersWazuhAgentObjects(t *testing.T) {
	mod := New()
	db := &fakeDB{agents: standardAgents(), listing: fullAgentRow, count: 1}
	c := sdktest.Direct(t, mod, newTestHost(t, db), nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeGetAgents, "", nil))
	want := `{"data": {"affected_items": [{"os": {"arch": "x86_64", "name": "Ubuntu", "platform": "ubuntu", ` +
		`"version": "20.04.2 LTS"}, "lastKeepAlive": "2021-05-26T12:40:40+00:00", "id": "001", ` +
		`"dateAdd": "2021-05-26T12:40:08+00:00", "manager": "wazuh-master", "group": ["default", "dmz"], ` +
		`"registerIP": "any", "ip": "10.0.0.1", "name": "web01", "status": "active", "version": "Wazuh v4.14.7", ` +
		`"node_name": "node01", "group_config_status": "synced", "status_code": 0}], "total_affected_items": 1, ` +
		`"total_failed_items": 0, "failed_items": []}, "message": "All selected agents information was returned", "error": 0}`
	if body != want {
		t.Fatalf("body\n got %s\nwant %s", body, want)
	}
}

// api-surface.md §2.3: GET /agents?agents_list=001&select=name.
func TestGetAgentsSelectThroughGRPC(t *testing.T) {
	mod := New()
	db := &fakeDB{agents: standardAgents(), listing: `[{"name":"web01","id":1}]`, count: 1}
	c := sdktest.Serve(t, mod, newTestHost(t, db), nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeGetAgents, "agents_list=001&select=name", nil))
	want := `{"data": {"affected_items": [{"name": "web01", "id": "001"}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "All selected agents information was returned", "error": 0}`
	if body != want {
		t.Fatalf("got %s", body)
	}
}

// Explicit ids: unknown ones are 1701, denied ones 4000 (HTTP 200, error 2).
func TestGetAgentsPartialFailure(t *testing.T) {
	mod := New()
	db := &fakeDB{agents: standardAgents(), listing: `[{"name":"web01","id":1}]`, count: 1}
	c := sdktest.Direct(t, mod, newTestHost(t, db), nil)
	req := scoped(sdktest.NewRequest(mod.Describe(), routeGetAgents, "agents_list=001,002,999&select=name", nil),
		"agent:read", "001", "999")
	body := mustBody(t, c, req)
	for _, want := range []string{`"total_failed_items": 2`,
		`{"error": {"code": 1701, "message": "Agent does not exist", "remediation": "Please, use ` + "`GET /agents?select=id,name`" + ` to find all available agents"}, "id": ["999"]}`,
		`{"error": {"code": 4000, "message": "Permission denied: Resource type: agent:id"`,
		`"id": ["002"]}]}, "message": "Some agents information was not returned", "error": 2}`} {
		if !strings.Contains(body, want) {
			t.Fatalf("missing %s in %s", want, body)
		}
	}
}

// A listing without ids is filtered before pagination with the scope.
func TestGetAgentsFiltersByScopeInSQL(t *testing.T) {
	mod := New()
	db := &fakeDB{agents: standardAgents(), listing: `[]`, count: 0}
	h := newTestHost(t, db)
	c := sdktest.Direct(t, mod, h, nil)
	req := scoped(sdktest.NewRequest(mod.Describe(), routeGetAgents, "limit=20", nil), "agent:read", "001", "002", "003", "007")
	body := mustBody(t, c, req)
	if !strings.Contains(body, `"message": "No agent information was returned", "error": 0`) {
		t.Fatalf("body %s", body)
	}
	var page string
	for _, call := range h.Calls() {
		if strings.Contains(call.Target, " LIMIT 20 OFFSET 0") {
			page = call.Target
		}
	}
	if !strings.Contains(page, "(id BETWEEN 1 AND 3 OR id IN (7))") || !strings.Contains(page, "ORDER BY id ASC") {
		t.Fatalf("page query %q", page)
	}
}

// Every explicit id denied is Wazuh's 403.
func TestGetAgentsAllDeniedIs403(t *testing.T) {
	mod := New()
	c := sdktest.Direct(t, mod, newTestHost(t, &fakeDB{agents: standardAgents()}), nil)
	req := scoped(sdktest.NewRequest(mod.Describe(), routeGetAgents, "agents_list=002", nil), "agent:read", "001")
	_, werr := call(t, c, req)
	if werr == nil || werr.Code != 4000 || werr.Status() != http.StatusForbidden ||
		werr.Message != "Permission denied: Resource type: agent:id" {
		t.Fatalf("got %+v", werr)
	}
}

func TestGetAgentsBadInput(t *testing.T) {
	mod := New()
	c := sdktest.Direct(t, mod, newTestHost(t, &fakeDB{agents: standardAgents()}), nil)
	cases := map[string]string{
		"sort=nope":           "Not a valid sort field: Allowed sort fields: configSum, dateAdd, disconnection_time, group, group_config_status, id, ip, lastKeepAlive, manager, mergedSum, name, node_name, os.arch, os.build, os.codename, os.major, os.minor, os.name, os.platform, os.uname, os.version, registerIP, status, status_code, version. Fields: nope",
		"agents_list=1":       "'1' is too short. Failed validating 'minLength' in schema['items']: {'type': 'string', 'minLength': 3, 'description': 'Agent ID', 'format': 'numbers'}. On instance[0]: '1'",
		"status=sleeping":     "'sleeping' is not one of ['active', 'pending', 'never_connected', 'disconnected']. Failed validating 'enum' in schema['items']: {'type': 'string', 'enum': ['active', 'pending', 'never_connected', 'disconnected']}. On instance[0]: 'sleeping'",
		"select=internal_key": "Not a valid select field: Allowed select fields: configSum, dateAdd, disconnection_time, group, group_config_status, id, ip, lastKeepAlive, manager, mergedSum, name, node_name, os.arch, os.build, os.codename, os.major, os.minor, os.name, os.platform, os.uname, os.version, registerIP, status, status_code, version. Fields: internal_key",
		"q=group<x":           "Invalid query operator: Valid operators for 'group' field: =, !=, ~. Used operator: <",
	}
	for q, want := range cases {
		_, werr := call(t, c, sdktest.NewRequest(mod.Describe(), routeGetAgents, q, nil))
		if werr == nil || werr.Message != want || werr.Status() != http.StatusBadRequest {
			t.Errorf("%s: got %+v", q, werr)
		}
	}
}
