package main

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// errNoSocket is what the host answers for a socket that does not exist.
var errNoSocket = errors.New("dial unix queue/sockets/x: connect: no such file or directory")

func configReq(mod *Module, agent, comp, conf string) *sdk.Request {
	return sdktest.NewRequest(mod.Describe(), routeAgentConfig, "",
		map[string]string{"agent_id": agent, "component": comp, "configuration": conf})
}

// sent returns the payloads sent to socket.
func sent(h *sdktest.FakeHost, socket string) []string {
	var out []string
	for _, c := range h.Calls() {
		if c.Kind == "socket" && c.Target == socket {
			out = append(out, string(c.Payload))
		}
	}
	return out
}

// Agent 000 is the manager: its configuration comes from the manager
// daemon owning the component, "getconfig <section>" on text sockets and
// the JSON com message on remoted, analysisd and wazuh-db; other agents go
// through remoted's request socket.
func TestAgentConfigManagerSockets(t *testing.T) {
	mod := New()
	h := newTestHost(t, &fakeDB{agents: standardAgents()})
	h.OnSocket("com", func([]byte) ([]byte, error) {
		return []byte(`ok {"logging":{"plain":"yes","json":"no"}}`), nil
	})
	h.OnSocket("remote", func(p []byte) ([]byte, error) {
		if strings.HasPrefix(string(p), "001 ") {
			return []byte(`ok {"client":{"server":[{"address":"10.0.0.2"}]}}`), nil
		}
		return []byte(`{"error":0,"data":{"remote":[{"connection":"secure","port":"1514"}]}}`), nil
	})
	h.OnSocket("analysis", func([]byte) ([]byte, error) { return []byte(`{"error":1,"message":"Unrecognized command"}`), nil })
	h.OnSocket("logcollector", func([]byte) ([]byte, error) { return []byte("err Cannot send request"), nil })
	h.OnSocket("syscheck", func([]byte) ([]byte, error) { return nil, errNoSocket })
	h.OnSocket("wdb", func([]byte) ([]byte, error) { return nil, errNoSocket })
	h.OnSocket("mail", func([]byte) ([]byte, error) { return []byte("ok"), nil })
	c := sdktest.Serve(t, mod, h, nil)

	if body := mustBody(t, c, configReq(mod, "000", "com", "logging")); body != `{"data": {"logging": {"plain": "yes", "json": "no"}}, "error": 0}` {
		t.Fatalf("com %s", body)
	}
	if body := mustBody(t, c, configReq(mod, "000", "request", "remote")); body != `{"data": {"remote": [{"connection": "secure", "port": "1514"}]}, "error": 0}` {
		t.Fatalf("request %s", body)
	}
	if body := mustBody(t, c, configReq(mod, "001", "agent", "client")); body != `{"data": {"client": {"server": [{"address": "10.0.0.2"}]}}, "error": 0}` {
		t.Fatalf("agent 001 %s", body)
	}
	if got := sent(h, "com"); len(got) != 1 || got[0] != "getconfig logging" {
		t.Fatalf("com got %q", got)
	}
	if got := sent(h, "remote"); len(got) != 2 || got[0] != `{"version": 1, "origin": {"module": "api"}, "command": "getconfig", "parameters": {"section": "remote"}}` ||
		got[1] != "001 agent getconfig client" {
		t.Fatalf("remote got %q", got)
	}

	errs := []struct {
		comp, conf   string
		code, status int
		message      string
	}{
		{"agent", "client", 1116, 400, "Requested component configuration does not exist: agent:client"}, // → analysis, error answer
		{"logcollector", "localfile", 1117, 400, "Unable to connect with component. The component might be disabled.: logcollector:localfile"},
		{"syscheck", "syscheck", 1121, 500, "Error connecting with socket"},
		{"wazuh-db", "wdb", 1121, 500, "Error connecting with socket"},
	}
	for _, e := range errs {
		_, werr := call(t, c, configReq(mod, "000", e.comp, e.conf))
		if werr == nil || werr.Code != e.code || werr.Status() != e.status || werr.Message != e.message {
			t.Errorf("%s/%s: got %+v", e.comp, e.conf, werr)
		}
	}
	if _, werr := call(t, c, configReq(mod, "000", "mail", "global")); werr == nil || werr.Code != 1014 || werr.Status() != 500 {
		t.Errorf("unreadable answer: %+v", werr)
	}
	if _, werr := call(t, c, configReq(mod, "000", "syscheck", "syscheck")); werr.Remediation != "Please ensure the selected module is running and properly configured" {
		t.Errorf("1121 remediation %q", werr.Remediation)
	}
	if _, werr := call(t, c, configReq(mod, "000", "agent", "nope")); werr == nil || werr.Code != 0 || werr.Status() != 400 {
		t.Errorf("enum: %+v", werr)
	}
	// agent:read denied on 000 is Wazuh's 403; nothing is sent.
	before := len(h.Calls())
	req := scoped(configReq(mod, "000", "com", "logging"), "agent:read", "001")
	if _, werr := call(t, c, req); werr == nil || werr.Code != 4000 || werr.Status() != http.StatusForbidden {
		t.Fatalf("denied: %+v", werr)
	}
	for _, cl := range h.Calls()[before:] {
		if cl.Kind == "socket" {
			t.Fatalf("socket used after a denial: %+v", cl)
		}
	}
}

// GET /agents/000/stats/{component} reads queue/sockets/<component>'s
// getstate; the manager has no "agent" daemon (1310); failures are failed
// items of the agent.
func TestComponentStatsManager(t *testing.T) {
	mod := New()
	h := newTestHost(t, &fakeDB{agents: standardAgents()})
	h.OnSocket("logcollector", func([]byte) ([]byte, error) {
		return []byte(`{"error":0,"data":{"global":{"start":"2024-05-01 10:00:00","files":[]},"interval":{"files":[]}}}`), nil
	})
	h.OnSocket("remote", func(p []byte) ([]byte, error) {
		return []byte(`{"error":0,"data":{"status":"connected","last_keepalive":"2024-05-01 10:00:05","last_ack":"2024-05-01 10:00:01","msg_count":7}}`), nil
	})
	c := sdktest.Serve(t, mod, h, nil)
	statsReq := func(agent, comp string) *sdk.Request {
		return sdktest.NewRequest(mod.Describe(), routeComponentStats, "", map[string]string{"agent_id": agent, "component": comp})
	}
	body := mustBody(t, c, statsReq("000", "logcollector"))
	want := `{"data": {"affected_items": [{"global": {"start": "2024-05-01 10:00:00", "files": []}, "interval": {"files": []}}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "Statistical information for each agent was successfully read", "error": 0}`
	if body != want {
		t.Fatalf("logcollector %s", body)
	}
	if got := sent(h, "logcollector"); len(got) != 1 || got[0] != "getstate" {
		t.Fatalf("sent %q", got)
	}
	body = mustBody(t, c, statsReq("000", "agent"))
	if body != `{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 1, "failed_items": [{"error": {"code": 1310, "message": "Invalid agent ID"}, "id": ["000"]}]}, "message": "Could not read statistical information for any agent", "error": 1}` {
		t.Fatalf("agent %s", body)
	}
	body = mustBody(t, c, statsReq("001", "agent"))
	if !strings.Contains(body, `"affected_items": [{"status": "connected", "last_keepalive": "2024-05-01T10:00:05+00:00", "last_ack": "2024-05-01T10:00:01+00:00", "msg_count": 7}]`) {
		t.Fatalf("001 %s", body)
	}
	if got := sent(h, "remote"); len(got) != 1 || got[0] != "001 agent getstate" {
		t.Fatalf("remote %q", got)
	}
	h.OnSocket("logcollector", func([]byte) ([]byte, error) { return nil, errNoSocket })
	body = mustBody(t, c, statsReq("000", "logcollector"))
	if !strings.Contains(body, `"failed_items": [{"error": {"code": 1121, "message": "Error connecting with socket", "remediation": "Please ensure the selected module is running and properly configured"}, "id": ["000"]}]`) {
		t.Fatalf("unavailable %s", body)
	}
	for agent, code := range map[string]string{"003": `"code": 1735`, "004": `"code": 1015`, "999": `"code": 1701`} {
		if body := mustBody(t, c, statsReq(agent, "logcollector")); !strings.Contains(body, code) || !strings.Contains(body, `"error": 1}`) {
			t.Errorf("%s: %s", agent, body)
		}
	}
	if _, werr := call(t, c, scoped(statsReq("000", "logcollector"), "agent:read", "001")); werr == nil || werr.Code != 4000 {
		t.Fatalf("denied: %+v", werr)
	}
	if _, werr := call(t, c, statsReq("000", "syscheck")); werr == nil || werr.Code != 0 || werr.Status() != 400 {
		t.Fatalf("enum: %+v", werr)
	}
}

// GET /agents/000/daemons/stats asks the manager's analysisd and remoted
// for the agent's counters (JSON getagentsstats); dates are rendered,
// items sorted by name, and a daemon that cannot be asked is a failed item
// named after it.
func TestDaemonStatsManager(t *testing.T) {
	mod := New()
	h := newTestHost(t, &fakeDB{agents: standardAgents()})
	h.OnSocket("remote", func([]byte) ([]byte, error) {
		return []byte(`{"error":0,"data":{"name":"wazuh-remoted","timestamp":1714557600,"agents":[{"id":0,"uptime":1714550400,"metrics":{"messages":{"received_breakdown":{"control":3}}}}]}}`), nil
	})
	h.OnSocket("analysis", func([]byte) ([]byte, error) { return nil, errNoSocket })
	c := sdktest.Serve(t, mod, h, nil)
	req := func(q string) *sdk.Request {
		return sdktest.NewRequest(mod.Describe(), routeDaemonStats, q, map[string]string{"agent_id": "000"})
	}
	body := mustBody(t, c, req(""))
	want := `{"data": {"affected_items": [{"name": "wazuh-remoted", "timestamp": "2024-05-01T10:00:00+00:00", "agents": [{"id": 0, "uptime": "2024-05-01T08:00:00+00:00", "metrics": {"messages": {"received_breakdown": {"control": 3}}}}]}], ` +
		`"total_affected_items": 1, "total_failed_items": 1, "failed_items": [{"error": {"code": 1121, "message": "Error connecting with socket", "remediation": "Please ensure the selected module is running and properly configured"}, "id": ["wazuh-analysisd"]}]}, ` +
		`"message": "Could not read statistical information for some daemons", "error": 2}`
	if body != want {
		t.Fatalf("got  %s\nwant %s", body, want)
	}
	msg := `{"version": 1, "origin": {"module": "api"}, "command": "getagentsstats", "parameters": {"agents": [0]}}`
	if got := sent(h, "remote"); len(got) != 1 || got[0] != msg {
		t.Fatalf("remote %q", got)
	}
	if got := sent(h, "analysis"); len(got) != 1 || got[0] != msg {
		t.Fatalf("analysis %q", got)
	}
	h.OnSocket("analysis", func([]byte) ([]byte, error) {
		return []byte(`{"error":0,"data":{"name":"wazuh-analysisd","timestamp":1714557600,"agents":[]}}`), nil
	})
	body = mustBody(t, c, req("daemons_list=wazuh-remoted,wazuh-analysisd"))
	if !strings.Contains(body, `"affected_items": [{"name": "wazuh-analysisd", "timestamp": "2024-05-01T10:00:00+00:00", "agents": []}, {"name": "wazuh-remoted"`) ||
		!strings.HasSuffix(body, `"message": "Statistical information for each daemon was successfully read", "error": 0}`) {
		t.Fatalf("sorted %s", body)
	}
	if _, werr := call(t, c, req("daemons_list=wazuh-db")); werr == nil || werr.Code != 0 || werr.Status() != 400 {
		t.Fatalf("enum: %+v", werr)
	}
	if _, werr := call(t, c, scoped(req(""), "agent:read", "001")); werr == nil || werr.Code != 4000 || werr.Status() != http.StatusForbidden {
		t.Fatalf("denied: %+v", werr)
	}
}
