package main

import (
	"context"
	"strings"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pyjson"
)

// componentConfigurations are the valid component/configuration pairs of
// GET /agents/{agent_id}/config/{component}/{configuration} (spec.yaml's
// table), in the spec's order.
var componentConfigurations = map[string][]string{
	"agent":        {"client", "buffer", "labels", "internal", "anti_tampering"},
	"agentless":    {"agentless"},
	"analysis":     {"global", "active_response", "alerts", "command", "rules", "decoders", "internal", "rule_test"},
	"auth":         {"auth"},
	"com":          {"active-response", "logging", "internal", "cluster"},
	"csyslog":      {"csyslog"},
	"integrator":   {"integration"},
	"logcollector": {"localfile", "socket", "internal"},
	"mail":         {"global", "alerts", "internal"},
	"monitor":      {"global", "internal", "reports"},
	"request":      {"global", "remote", "internal"},
	"syscheck":     {"syscheck", "rootcheck", "internal"},
	"wazuh-db":     {"internal", "wdb"},
	"wmodules":     {"wmodules"},
}

// checkConfigPair is check_component_configuration_pair (1128). Wazuh
// prints the valid values as a Python set, whose order depends on the
// interpreter's string hashing; the spec's order is used here.
func checkConfigPair(component, configuration string) *sdk.Error {
	valid := componentConfigurations[component]
	for _, v := range valid {
		if v == configuration {
			return nil
		}
	}
	q := make([]string, len(valid))
	for i, v := range valid {
		q[i] = pyjson.StrRepr(v)
	}
	return errConfigPair("Valid configuration values for " + pyjson.StrRepr(component) + ": {" + strings.Join(q, ", ") + "}")
}

// activeAgent checks that the agent exists (1701, 404) and is active
// (1740), returning its padded id and version.
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

// agentConfig is GET /agents/{agent_id}/config/{component}/{configuration}
// (get_agent_config): the pair is checked first (1128, in the
// controller), then the agent must exist and be active; agent 000 is
// answered by the manager's daemon for the component, other agents
// through remoted.
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
	if err := checkConfigPair(comp, conf); err != nil {
		return controllerError(err), nil
	}
	id, _, aerr := m.activeAgent(ctx, req)
	if aerr != nil {
		return nil, aerr
	}
	data, rerr := m.activeConfig(ctx, id, comp, conf)
	if rerr != nil {
		return nil, rerr
	}
	return sdk.OK(req, sdk.WazuhResult{Data: data})
}

// componentStatsVersion is AGENT_COMPONENT_STATS_REQUIRED_VERSION.
const componentStatsVersion = "v4.2.0"

// componentStats is GET /agents/{agent_id}/stats/{component}
// (get_agents_component_stats_json): per-agent failures are failed items
// (1701 unknown agent, 1015 agent never connected, 1735 agent older than
// v4.2.0, 1310 "agent" on the manager, 1121 socket unavailable, 1117
// unreadable answer).
func (m *Module) componentStats(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	comp, err := pathParam(req, "component", schemaStatsComp)
	if err != nil {
		return nil, err
	}
	id, err := singleAgent(req, "agent:read")
	if err != nil {
		return nil, err
	}
	res := sdk.NewAffectedItems("Statistical information for each agent was successfully read",
		"Could not read statistical information for some agents", "Could not read statistical information for any agent")
	r, qerr := m.agentRow(ctx, id, "version")
	if qerr != nil {
		return nil, qerr
	}
	id = fmtID(toInt(id))
	var werr *sdk.Error
	switch version := str(r["version"]); {
	case r == nil:
		werr = sdk.NewError(1701)
	case version == "":
		werr = errVersionNull()
	case versionLess(version, componentStatsVersion):
		werr = sdk.NewError(1735, "Minimum required version is "+componentStatsVersion)
	}
	var data any
	if werr == nil {
		data, werr = m.componentState(ctx, id, comp)
	}
	if werr != nil {
		res.AddFailed(id, werr)
	} else {
		res.AddAffected(data)
	}
	return sdk.OK(req, res)
}
