package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// Errors of the remoted request socket (framework wazuh_socket / agent.py).
// They are 11xx codes, outside the module's catalogue range, so they are
// built here with Wazuh's texts.
func errSocket() *sdk.Error {
	return &sdk.Error{Code: 1121, HTTPStatus: http.StatusInternalServerError, Message: "Error connecting with socket",
		Remediation: "Please ensure the selected module is running and properly configured"}
}

func errComponentConfig(detail string) *sdk.Error {
	return &sdk.Error{Code: 1117, HTTPStatus: http.StatusBadRequest,
		Message: "Unable to connect with component. The component might be disabled.: " + detail}
}

// activeAgent checks that the agent exists (1701, 404) and is active
// (1740), returning its version.
func (m *Module) activeAgent(ctx context.Context, req *sdk.Request) (string, string, error) {
	id, err := singleAgent(req, "agent:read")
	if err != nil {
		return "", "", err
	}
	r, qerr := m.agentRow(ctx, id, "connection_status, version")
	if qerr != nil {
		return "", "", qerr
	}
	if r == nil {
		return "", "", sdk.NewError(1701)
	}
	if str(r["connection_status"]) != "active" {
		return "", "", sdk.NewError(1740)
	}
	return fmtID(toInt(id)), str(r["version"]), nil
}

// askRemote sends a text request to remoted for an agent and returns the
// JSON after "ok ".
func (m *Module) askRemote(ctx context.Context, msg string) (json.RawMessage, error) {
	out, err := m.host.SendSocket(ctx, "remote", []byte(msg))
	if err != nil {
		return nil, errSocket()
	}
	status, payload, _ := bytes.Cut(out, []byte(" "))
	if string(status) != "ok" {
		return nil, errComponentConfig(strings.TrimSpace(string(payload)))
	}
	return payload, nil
}

// agentConfig is GET /agents/{agent_id}/config/{component}/{configuration}.
func (m *Module) agentConfig(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	comp, err := pathParam(req, "component", enumSchema("agent", "agentless", "analysis", "auth", "com", "csyslog",
		"integrator", "logcollector", "mail", "monitor", "request", "syscheck", "wazuh-db", "wmodules"))
	if err != nil {
		return nil, err
	}
	conf, err := pathParam(req, "configuration", enumSchema("client", "buffer", "labels", "internal", "anti_tampering",
		"agentless", "global", "active_response", "alerts", "command", "rules", "decoders", "auth", "logging", "reports",
		"active-response", "cluster", "csyslog", "integration", "localfile", "socket", "remote", "syscheck", "rootcheck",
		"wdb", "wmodules", "rule_test"))
	if err != nil {
		return nil, err
	}
	id, _, aerr := m.activeAgent(ctx, req)
	if aerr != nil {
		return nil, aerr
	}
	data, rerr := m.askRemote(ctx, id+" "+comp+" getconfig "+conf)
	if rerr != nil {
		return nil, rerr
	}
	return sdk.OK(req, sdk.WazuhResult{Data: json.RawMessage(data)})
}

// daemonStats is GET /agents/{agent_id}/daemons/stats.
func (m *Module) daemonStats(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	daemons, ok, err := listParam(cleanQuery(req.Query), "daemons_list", schemaDaemons)
	if err != nil {
		return nil, err
	}
	if !ok {
		daemons = []string{"wazuh-analysisd", "wazuh-remoted"}
	}
	id, _, aerr := m.activeAgent(ctx, req)
	if aerr != nil {
		return nil, aerr
	}
	res := sdk.NewAffectedItems("Statistical information for each daemon was successfully read",
		"Could not read statistical information for some daemons", "Could not read statistical information for any daemon")
	for _, d := range daemons {
		data, rerr := m.askRemote(ctx, id+" "+d+" getstate")
		if rerr != nil {
			return nil, rerr
		}
		res.AddAffected(json.RawMessage(data))
	}
	return sdk.OK(req, res)
}

// componentStats is GET /agents/{agent_id}/stats/{component}.
func (m *Module) componentStats(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	comp, err := pathParam(req, "component", schemaStatsComp)
	if err != nil {
		return nil, err
	}
	id, _, aerr := m.activeAgent(ctx, req)
	if aerr != nil {
		return nil, aerr
	}
	data, rerr := m.askRemote(ctx, id+" "+comp+" getstate")
	if rerr != nil {
		return nil, rerr
	}
	res := sdk.NewAffectedItems("Statistical information for each agent was successfully read",
		"Could not read statistical information for some agents", "Could not read statistical information for any agent")
	res.AddAffected(json.RawMessage(data))
	return sdk.OK(req, res)
}
