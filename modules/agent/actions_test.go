package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// api-surface.md §2.3: PUT /agents/restart?agents_list=001,002,999 with 002
// disconnected, byte for byte, and the restart datagram of §4.6.
func TestRestartAgentsPartialFailureThroughGRPC(t *testing.T) {
	mod := New()
	h := newTestHost(t, &fakeDB{agents: standardAgents()})
	c := sdktest.Serve(t, mod, h, nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeRestartAgents, "agents_list=001,002,999", nil))
	want := `{"data": {"affected_items": ["001"], "total_affected_items": 1, "total_failed_items": 2, "failed_items": [{"error": {"code": 1701, "message": "Agent does not exist", "remediation": "Please, use ` + "`GET /agents?select=id,name`" + ` to find all available agents"}, "id": ["999"]}, {"error": {"code": 1707, "message": "Cannot send request, agent is not active", "remediation": "Please, check non-active agents connection and try again. Visit https://documentation.wazuh.com/4.14/user-manual/registering/index.html and https://documentation.wazuh.com/4.14/user-manual/agents/agent-connection.html to obtain more information on registering and connecting agents"}, "id": ["002"]}]}, "message": "Restart command was not sent to some agents", "error": 2}`
	if body != want {
		t.Fatalf("got  %s\nwant %s", body, want)
	}
	msgs := arMessages(h)
	wantMsg := `(msg_to_agent) [] NNS 001 {"version": 1, "origin": {"module": "framework"}, "command": "restart-wazuh0", "parameters": {"extra_args": [], "alert": {}}} - null (from_the_server) (no_rule_id)`
	if len(msgs) != 1 || msgs[0] != wantMsg {
		t.Fatalf("ar messages %q", msgs)
	}
}

// Without agents_list every permitted active agent is restarted silently;
// agents older than v4.2.0 get the legacy command.
func TestRestartAllAgentsLegacyAndScope(t *testing.T) {
	mod := New()
	h := newTestHost(t, &fakeDB{agents: standardAgents()})
	c := sdktest.Direct(t, mod, h, nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeRestartAgents, "", nil))
	if !strings.HasPrefix(body, `{"data": {"affected_items": ["001", "003"], "total_affected_items": 2, "total_failed_items": 0`) {
		t.Fatalf("body %s", body)
	}
	msgs := arMessages(h)
	if len(msgs) != 2 || msgs[1] != "(msg_to_agent) [] NNS 003 restart-ossec0 - null (from_the_server) (no_rule_id)" {
		t.Fatalf("ar %q", msgs)
	}
	// A scope without any agent restarts nothing: 200 with none_msg.
	h2 := newTestHost(t, &fakeDB{agents: standardAgents()})
	c2 := sdktest.Direct(t, New(), h2, nil)
	body = mustBody(t, c2, scoped(sdktest.NewRequest(mod.Describe(), routeRestartAgents, "", nil), "agent:restart"))
	if !strings.Contains(body, `"message": "Restart command was not sent to any agent", "error": 0`) || len(arMessages(h2)) != 0 {
		t.Fatalf("body %s", body)
	}
}

func TestReconnectAndBadInput(t *testing.T) {
	mod := New()
	h := newTestHost(t, &fakeDB{agents: standardAgents()})
	c := sdktest.Direct(t, mod, h, nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeReconnect, "agents_list=000,003", nil))
	if !strings.Contains(body, `"affected_items": ["003"]`) || !strings.Contains(body, `"code": 1703`) {
		t.Fatalf("body %s", body)
	}
	if m := arMessages(h); len(m) != 1 || m[0] != "(msg_to_agent) [] N!S 003 force_reconnect" {
		t.Fatalf("ar %q", m)
	}
	_, werr := call(t, c, sdktest.NewRequest(mod.Describe(), routeReconnect, "agents_list=abc", nil))
	if werr == nil || !strings.HasPrefix(werr.Message, "'abc' is not a 'numbers'") {
		t.Fatalf("got %+v", werr)
	}
}

func authdHost(t *testing.T, reply string) *sdktest.FakeHost {
	h := newTestHost(t, &fakeDB{agents: standardAgents()})
	h.OnSocket("auth", func([]byte) ([]byte, error) { return []byte(reply), nil })
	return h
}

func TestAddAgentRegistersThroughAuthd(t *testing.T) {
	mod := New()
	key := strings.Repeat("a1", 32)
	h := authdHost(t, `{"error":0,"data":{"id":"013","name":"NewHost","ip":"any","key":"`+key+`"}}`)
	c := sdktest.Direct(t, mod, h, nil)
	req := sdktest.NewRequest(mod.Describe(), routeAddAgent, "", nil)
	req.Body = []byte(`{"name":"NewHost"}`)
	body := mustBody(t, c, req)
	if body != `{"data": {"id": "013", "key": "MDEzIE5ld0hvc3QgYW55IGExYTFhMWExYTFhMWExYTFhMWExYTFhMWExYTFhMWExYTFhMWExYTFhMWExYTFhMWExYTFhMWExYTFhMWExYTE="}, "error": 0}` {
		t.Fatalf("body %s", body)
	}
	var sent map[string]any
	for _, cl := range h.Calls() {
		if cl.Target == "auth" {
			_ = json.Unmarshal(cl.Payload, &sent)
		}
	}
	args := sent["arguments"].(map[string]any)
	force := args["force"].(map[string]any)
	if sent["function"] != "add" || args["ip"] != "any" || force["enabled"] != false || force["key_mismatch"] != true {
		t.Fatalf("authd request %v", sent)
	}
}

func TestAddAgentErrors(t *testing.T) {
	mod := New()
	c := sdktest.Direct(t, mod, authdHost(t, `{"error":9008,"message":"Duplicate name"}`), nil)
	req := sdktest.NewRequest(mod.Describe(), routeAddAgent, "", nil)
	req.Body = []byte(`{"name":"web01","ip":"10.0.0.9"}`)
	if _, werr := call(t, c, req); werr == nil || werr.Code != 1705 || werr.Message != "There is an agent with the same name: web01" {
		t.Fatalf("got %+v", werr)
	}
	for body, want := range map[string]string{
		`{"ip":"any"}`:              "'name' is a required property",
		`{"name":"a b"}`:            "'a b' is not a 'names' - 'name'",
		`{"name":"x","foo":1}`:      "Invalid field found {'foo'}",
		`{"name":"x","ip":"1.2.3"}`: "There is an agent with the same IP or the IP is invalid: 1.2.3",
	} {
		req.Body = []byte(body)
		if _, werr := call(t, c, req); werr == nil || werr.Message != want {
			t.Errorf("%s: got %+v", body, werr)
		}
	}
	// authd not reachable is 1726.
	h := newTestHost(t, &fakeDB{agents: standardAgents()})
	h.Granted.Sockets = nil
	c = sdktest.Direct(t, New(), h, nil)
	req.Body = []byte(`{"name":"x"}`)
	if _, werr := call(t, c, req); werr == nil || werr.Code != 1726 {
		t.Fatalf("got %+v", werr)
	}
	// The host's own Wazuh errors pass through: 1726 from authd's pid
	// files, or 1013 when authd runs but its socket cannot be reached.
	for _, code := range []int{1726, 1013} {
		h := newTestHost(t, &fakeDB{agents: standardAgents()})
		h.OnSocket("auth", func([]byte) ([]byte, error) { return nil, sdk.NewError(code) })
		c = sdktest.Direct(t, New(), h, nil)
		if _, werr := call(t, c, req); werr == nil || werr.Code != code {
			t.Fatalf("host error %d: got %+v", code, werr)
		}
	}
}

func TestDeleteAgentsRequirementsAndDefaults(t *testing.T) {
	mod := New()
	db := &fakeDB{agents: standardAgents()}
	h := newTestHost(t, db)
	h.OnSocket("auth", func([]byte) ([]byte, error) { return []byte(`{"error":0,"data":"Agent deleted successfully."}`), nil })
	h.OnWDBFunc("global sql SELECT id AS \"id\"", func(string) (json.RawMessage, error) { return json.RawMessage(`[{"id":4}]`), nil })
	c := sdktest.Direct(t, mod, h, nil)
	if _, werr := call(t, c, sdktest.NewRequest(mod.Describe(), routeDeleteAgents, "agents_list=001", nil)); werr == nil ||
		werr.Message != "Missing query parameter 'status'" {
		t.Fatalf("got %+v", werr)
	}
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeDeleteAgents, "agents_list=000,001,004,999&status=all", nil))
	for _, want := range []string{`"affected_items": ["004"]`, `"code": 1703`, `"id": ["999"]`,
		`"message": "Agent is not eligible for the action to be performed: some of the requirements are not met -> status: ['all'], older_than: 7d, os.platform: None, os.version: None, os.name: None, manager: None, version: None, group: None, node_name: None, name: None, ip: None, registerIP: None"}, "id": ["001"]}`,
		`"message": "Some agents were not deleted", "error": 2`} {
		if !strings.Contains(body, want) {
			t.Fatalf("missing %s in %s", want, body)
		}
	}
	var eligibility string
	for _, cl := range h.Calls() {
		if strings.Contains(cl.Target, `SELECT id AS "id"`) {
			eligibility = cl.Target
		}
	}
	if !strings.Contains(eligibility, "last_keepalive < strftime('%s', 'now') - 604800") {
		t.Fatalf("older_than default missing: %s", eligibility)
	}
}
