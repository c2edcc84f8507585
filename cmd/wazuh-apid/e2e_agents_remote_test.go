package main

import (
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"testing"

	"github.com/wazuh-go/server/host/socket"
)

// agRemoted is a stand-in for wazuh-remoted's request socket
// (queue/sockets/remote, 4-byte little-endian frames): it answers each
// request with reply(request) and records the requests.
type agRemoted struct {
	mu       sync.Mutex
	requests []string
}

func (e *agEnv) agServeRemoted(t *testing.T, reply func(req string) string) *agRemoted {
	t.Helper()
	ln, err := net.Listen("unix", filepath.Join(e.root, "queue", "sockets", "remote"))
	if err != nil {
		t.Fatalf("remoted socket: %v", err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	r := &agRemoted{}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				for {
					req, err := socket.ReadFrame(conn, socket.MaxFrameBytes)
					if err != nil {
						return
					}
					r.mu.Lock()
					r.requests = append(r.requests, string(req))
					r.mu.Unlock()
					if socket.WriteFrame(conn, []byte(reply(string(req)))) != nil {
						return
					}
				}
			}()
		}
	}()
	return r
}

func (r *agRemoted) seen(req string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, q := range r.requests {
		if q == req {
			return true
		}
	}
	return false
}

// agRemotedReplies are remoted's answers for the agents of the test.
func agRemotedReplies(req string) string {
	switch req {
	case "001 agent getconfig client":
		return `ok {"client":{"server":[{"address":"10.0.0.2","port":1514}],"notify_time":10}}`
	case "001 logcollector getconfig localfile":
		return "err Could not get requested section"
	case "001 syscheck getconfig syscheck":
		return "err Cannot send request"
	case "001 logcollector getstate":
		return `{"error":0,"data":{"global":{"start":"2024-01-01 10:00:00","files":[]},"interval":{"start":"2024-01-01 10:00:00","files":[]}}}`
	case "001 agent getstate":
		return `{"error":0,"data":{"status":"connected","last_keepalive":"2024-01-01 10:00:00","last_ack":"2024-01-01 10:00:05","msg_count":10}}`
	case `{"version": 1, "origin": {"module": "api"}, "command": "getagentsstats", "parameters": {"agents": [1]}}`:
		return `{"error":0,"message":"ok","data":{"name":"wazuh-remoted","timestamp":1700000000,"agents":[{"id":1,"uptime":1699990000,"metrics":{"messages":{"received_breakdown":{"control":5}}}}]}}`
	}
	return "err Cannot send request"
}

// GET /agents/{id}/config/{component}/{configuration},
// /agents/{id}/daemons/stats and /agents/{id}/stats/{component} for agents
// other than 000, asked through remoted's socket: sections and counters
// (dates as ISO 8601), the daemon that cannot be reached (analysisd's
// socket does not exist: 1121) as a failed item, 1015/1701/1735 items,
// raised 1116/1117/1701/1740, RBAC and bad input (1128 is raised by the
// controller, without dapi_errors).
func TestAgentsE2EThroughRemoted(t *testing.T) {
	e := agStart(t, "")
	for _, n := range []string{"web01", "web02", "web03", "web04"} {
		e.register(t, n)
	}
	e.connect(t, "Wazuh v4.14.7", "1", "2")
	e.connect(t, "Wazuh v4.1.0", "4")
	e.sql(t, "UPDATE agent SET connection_status = 'disconnected' WHERE id = 2")
	remoted := e.agServeRemoted(t, agRemotedReplies)
	tok := e.users(t, map[string][]agPolicy{"reader": {agAllow("agent:read", "agent:id:001")}})
	get := http.MethodGet
	statsNone, statsAll := "Could not read statistical information for any agent", "Statistical information for each agent was successfully read"
	socketErr := `{"code": 1121, "message": "Error connecting with socket", "remediation": "Please ensure the selected module is running and properly configured"}`
	e.agRun(t, []agCase{
		{get, "/agents/001/config/agent/client", e.admin, "", `{"data": {"client": {"server": [{"address": "10.0.0.2", "port": 1514}], "notify_time": 10}}, "error": 0}`},
		{get, "/agents/001/config/AGENT/Client", e.admin, "", `{"data": {"client": {"server": [{"address": "10.0.0.2", "port": 1514}], "notify_time": 10}}, "error": 0}`},
		{get, "/agents/001/config/logcollector/localfile", e.admin, "", "400 1116 Requested component configuration does not exist: logcollector:localfile dapi"},
		{get, "/agents/001/config/syscheck/syscheck", e.admin, "", "400 1117 Unable to connect with component. The component might be disabled.: syscheck:syscheck dapi"},
		{get, "/agents/002/config/agent/client", e.admin, "", "400 1740 Action only available for active agents dapi"},
		{get, "/agents/999/config/agent/client", e.admin, "", "404 1701 Agent does not exist dapi"},
		{get, "/agents/002/config/agent/client", tok["reader"], "", "403 4000 Permission denied: Resource type: agent:id dapi"},
		{get, "/agents/001/config/agent/bogus", e.admin, "", "400 0 'bogus' is not one of ['client', 'buffer', 'labels', 'internal', 'anti_tampering', "},
		{get, "/agents/001/config/bogus/client", e.admin, "", "400 0 'bogus' is not one of ['agent', 'agentless', 'analysis', "},
		{get, "/agents/1/config/agent/client", e.admin, "", "400 0 '1' is too short"},
		// Component statistics: per-agent failures are items.
		{get, "/agents/001/stats/logcollector", e.admin, "", `{"data": {"affected_items": [{"global": {"start": "2024-01-01 10:00:00", "files": []}, "interval": {"start": "2024-01-01 10:00:00", "files": []}}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "` + statsAll + `", "error": 0}`},
		{get, "/agents/001/stats/agent", tok["reader"], "", `{"data": {"affected_items": [{"status": "connected", "last_keepalive": "2024-01-01T10:00:00+00:00", "last_ack": "2024-01-01T10:00:05+00:00", "msg_count": 10}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "` + statsAll + `", "error": 0}`},
		{get, "/agents/002/stats/logcollector", e.admin, "", "200 error=1 total=0 items=[] failed=[1117:[002]] " + statsNone},
		{get, "/agents/003/stats/logcollector", e.admin, "", "200 error=1 total=0 items=[] failed=[1015:[003]] " + statsNone},
		{get, "/agents/004/stats/agent", e.admin, "", "200 error=1 total=0 items=[] failed=[1735:[004]] " + statsNone},
		{get, "/agents/999/stats/agent", e.admin, "", "200 error=1 total=0 items=[] failed=[1701:[999]] " + statsNone},
		{get, "/agents/002/stats/agent", tok["reader"], "", "403 4000 Permission denied: Resource type: agent:id dapi"},
		{get, "/agents/001/stats/remoted", e.admin, "", "400 0 'remoted' is not one of ['logcollector', 'agent']"},
		// Daemon statistics: remoted answers, analysisd's socket is missing.
		{get, "/agents/001/daemons/stats", e.admin, "", "200 error=2 total=1 items=[{\"name\": \"wazuh-remoted\", "},
		{get, "/agents/001/daemons/stats?daemons_list=wazuh-remoted", tok["reader"], "", `{"data": {"affected_items": [{"name": "wazuh-remoted", "timestamp": "2023-11-14T22:13:20+00:00", "agents": [{"id": 1, "uptime": "2023-11-14T19:26:40+00:00", "metrics": {"messages": {"received_breakdown": {"control": 5}}}}]}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "Statistical information for each daemon was successfully read", "error": 0}`},
		{get, "/agents/001/daemons/stats?daemons_list=wazuh-analysisd", e.admin, "", `{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 1, "failed_items": [{"error": ` + socketErr + `, "id": ["wazuh-analysisd"]}]}, "message": "Could not read statistical information for any daemon", "error": 1}`},
		{get, "/agents/002/daemons/stats", tok["reader"], "", "403 4000 Permission denied: Resource type: agent:id dapi"},
		{get, "/agents/001/daemons/stats?daemons_list=wazuh-db", e.admin, "", "400 0 'wazuh-db' is not one of ['wazuh-analysisd', 'wazuh-remoted']"},
	})
	// 1128 is checked by the controller, before the agent: no dapi_errors.
	status, body := e.call(t, get, "/agents/999/config/agent/global", e.admin, "")
	if want := `{"title": "Bad Request", "detail": "Invalid configuration for the given component: Valid configuration values for 'agent': {'client', 'buffer', 'labels', 'internal', 'anti_tampering'}", "error": 1128}`; status != 400 || body != want {
		t.Errorf("1128:\n got %d %s\nwant %s", status, body, want)
	}
	for _, req := range []string{"001 agent getconfig client", "001 logcollector getstate", "001 agent getstate"} {
		if !remoted.seen(req) {
			t.Errorf("remoted never received %q", req)
		}
	}
	if remoted.seen("002 agent getconfig client") || remoted.seen("003 logcollector getstate") {
		t.Errorf("requests for agents that are not active or unknown reached remoted")
	}
}
