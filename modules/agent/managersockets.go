package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// How the framework reaches daemons for active configuration and
// statistics (data-layer.md §1, §7). Agent 000 is the manager: its
// configuration and component statistics come from the manager's own
// daemon sockets; other agents are asked through remoted's request socket.
// Socket names are the host's logical names, the base names of
// queue/sockets/<name> (and queue/db/wdb for "wdb").

// componentSockets is get_active_configuration's component → socket map
// for agent 000.
var componentSockets = map[string]string{
	"agent": "analysis", "agentless": "agentless", "analysis": "analysis", "auth": "auth", "com": "com",
	"csyslog": "csyslog", "integrator": "integrator", "logcollector": "logcollector", "mail": "mail",
	"monitor": "monitor", "request": "remote", "syscheck": "syscheck", "wazuh-db": "wdb", "wmodules": "wmodules",
}

// jsonProtocolSockets speak the JSON "com" protocol; the others take
// "getconfig <section>" and answer "ok <json>" / "err <text>".
var jsonProtocolSockets = map[string]bool{"remote": true, "analysis": true, "wdb": true}

// daemonSockets are the manager daemons of GET /agents/{id}/daemons/stats.
var daemonSockets = map[string]string{"wazuh-analysisd": "analysis", "wazuh-remoted": "remote"}

// managerSockets are every socket the module may ask for agent 000 (its
// Needs): the component sockets plus remoted.
func managerSockets() []string {
	return []string{"remote", "analysis", "agentless", "com", "csyslog", "integrator", "logcollector", "mail",
		"monitor", "syscheck", "wdb", "wmodules"}
}

// comMessage is create_wazuh_socket_message(origin={'module': 'api'},
// command, parameters) as json.dumps writes it.
func comMessage(command string, parameters orderedMap) []byte {
	b, _ := sdk.MarshalWazuhJSON(orderedMap{{"version", 1}, {"origin", orderedMap{{"module", "api"}}},
		{"command", command}, {"parameters", parameters}}, false)
	return b
}

// comReply is a JSON "com" answer.
type comReply struct {
	Error   int             `json:"error"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// activeConfig is get_active_configuration: the JSON of one configuration
// section of a component. A socket that is missing or refuses the request
// is 1121; an "err" answer is 1117 when the component could not be reached
// ("No such file or directory", "Cannot send request"), else 1116.
func (m *Module) activeConfig(ctx context.Context, agentID, component, section string) (json.RawMessage, error) {
	socket, payload, jsonProto := "remote", []byte(agentID+" "+component+" getconfig "+section), false
	if agentID == "000" {
		socket = componentSockets[component]
		jsonProto = jsonProtocolSockets[socket]
		payload = []byte("getconfig " + section)
		if jsonProto {
			payload = comMessage("getconfig", orderedMap{{"section", section}})
		}
	}
	out, err := m.host.SendSocket(ctx, socket, payload)
	if err != nil {
		return nil, errSocket()
	}
	extra := component + ":" + section
	if jsonProto {
		var r comReply
		if json.Unmarshal(out, &r) != nil {
			return nil, errSocketIO("Invalid response")
		}
		if r.Error != 0 {
			return nil, configReplyError(r.Message, extra)
		}
		return r.Data, nil
	}
	status, rest, ok := bytes.Cut(out, []byte(" "))
	if !ok {
		return nil, errSocketIO("Invalid response")
	}
	if string(status) != "ok" {
		return nil, configReplyError(string(rest), extra)
	}
	if !json.Valid(rest) {
		return nil, errSocketIO("Invalid response")
	}
	return rest, nil
}

// configReplyError classifies an error answer to getconfig.
func configReplyError(msg, extra string) *sdk.Error {
	if strings.Contains(msg, "No such file or directory") || strings.Contains(msg, "Cannot send request") {
		return errComponentConfig(extra)
	}
	return errConfigMissing(extra)
}

// componentState is get_daemons_stats_from_socket: the "data" of a
// daemon's getstate answer, with last_keepalive and last_ack as dates.
// Agent 000 has no "agent" daemon (1310).
func (m *Module) componentState(ctx context.Context, agentID, component string) (any, *sdk.Error) {
	socket, payload := "remote", []byte(agentID+" "+component+" getstate")
	if agentID == "000" {
		if component == "agent" {
			return nil, errStatsAgent()
		}
		socket, payload = component, []byte("getstate")
	}
	out, err := m.host.SendSocket(ctx, socket, payload)
	if err != nil {
		return nil, errSocket()
	}
	reply, derr := decodeOrdered(out)
	obj, _ := reply.(orderedMap)
	data, ok := obj.get("data")
	dataObj, isObj := data.(orderedMap)
	if derr != nil || !ok || data == nil {
		_, rest, _ := bytes.Cut(out, []byte(" "))
		return nil, errComponentConfig(string(rest))
	}
	if isObj {
		for _, k := range []string{"last_keepalive", "last_ack"} {
			if v, ok := dataObj.get(k); ok {
				dataObj = dataObj.set(k, isoFromWazuhDate(v))
			}
		}
		data = dataObj
	}
	return data, nil
}
