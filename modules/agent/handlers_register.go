package main

import (
	"context"
	"encoding/base64"
	"encoding/json"

	"github.com/wazuh-go/server/sdk"
)

var (
	schemaBodyName = strSchema{repr: "{'type': 'string', 'format': 'names'}", checks: []string{"format"}, format: "names"}
	schemaBodyIP   = strSchema{repr: "{'type': 'string', 'format': 'alphanumeric_symbols'}", checks: []string{"format"},
		format: "alphanumeric_symbols"}
	schemaBodyKey = strSchema{repr: "{'type': 'string', 'maxLength': 64, 'minLength': 64, 'format': 'wazuh_key'}",
		checks: []string{"maxLength", "minLength", "format"}, minLength: 64, maxLength: 64, format: "wazuh_key"}
)

// agentKeyResult is the {"data": {"id", "key"}} answer of the add
// operations: the key is base64("<id> <name> <ip> <key>").
func agentKeyResult(req *sdk.Request, r *registered) (*sdk.Response, error) {
	key := base64.StdEncoding.EncodeToString([]byte(r.ID + " " + r.Name + " " + r.IP + " " + r.Key))
	return sdk.OK(req, sdk.WazuhResult{Data: orderedMap{{"id", r.ID}, {"key", key}}})
}

// addAgent is POST /agents: body {name*, ip}; a missing ip is "any".
func (m *Module) addAgent(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	obj, err := parseBody(req.Body, []bodyField{{name: "name", schema: schemaBodyName}, {name: "ip", schema: schemaBodyIP}}, "name")
	if err != nil {
		return nil, err
	}
	ip := bodyString(obj, "ip")
	if ip == "" {
		ip = "any"
	}
	r, rerr := m.register(ctx, addArgs{Name: bodyString(obj, "name"), IP: ip, Force: defaultForce(false)})
	if rerr != nil {
		return nil, rerr
	}
	return agentKeyResult(req, r)
}

// insertAgent is POST /agents/insert: body {name*, ip, id, key, force}.
func (m *Module) insertAgent(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	obj, err := parseBody(req.Body, []bodyField{{name: "id", schema: schemaAgentID}, {name: "key", schema: schemaBodyKey},
		{name: "name", schema: schemaBodyName}, {name: "ip", schema: schemaBodyIP}, {name: "force", object: true, check: checkForce}}, "name")
	if err != nil {
		return nil, err
	}
	a := addArgs{Name: bodyString(obj, "name"), IP: bodyString(obj, "ip"), ID: bodyString(obj, "id"),
		Key: bodyString(obj, "key"), Force: defaultForce(false)}
	if a.IP == "" {
		a.IP = "any"
	}
	if raw, ok := obj["force"]; ok {
		f := defaultForce(true)
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, sdk.BadRequest(pyJSONRepr(raw) + " is not of type 'object' - 'force'")
		}
		f.KeyMismatch = true
		a.Force = f
	}
	r, rerr := m.register(ctx, a)
	if rerr != nil {
		return nil, rerr
	}
	return agentKeyResult(req, r)
}

// insertQuick is POST /agents/insert/quick?agent_name=x (ip "any").
func (m *Module) insertQuick(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	name, err := requiredStr(req.Query, "agent_name", schemaAgentName)
	if err != nil {
		return nil, err
	}
	r, rerr := m.register(ctx, addArgs{Name: name, IP: "any", Force: defaultForce(false)})
	if rerr != nil {
		return nil, rerr
	}
	return agentKeyResult(req, r)
}
