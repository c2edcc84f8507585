package main

import (
	"context"
	"encoding/base64"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// singleAgent validates the agent_id path parameter and checks the scope
// of action for it (the host already answered 403 when it is denied).
func singleAgent(req *sdk.Request, action string) (string, *sdk.Error) {
	id, err := pathParam(req, "agent_id", schemaAgentID)
	if err != nil {
		return "", err
	}
	if !scopeFor(req, action, "agent:id").Permits(id) {
		return "", sdk.NewError(4000, "Resource type: agent:id")
	}
	return id, nil
}

// agentRow loads columns of one agent; nil when it does not exist.
func (m *Module) agentRow(ctx context.Context, id, columns string) (map[string]any, error) {
	rows, err := m.wdb.rows(ctx, "global", "SELECT "+columns+" FROM agent WHERE id = ?", toInt(id))
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return rows[0], nil
}

// agentKey is GET /agents/{agent_id}/key: base64 of
// "<id> <name> <register_ip> <internal_key>".
func (m *Module) agentKey(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	id, err := singleAgent(req, "agent:read")
	if err != nil {
		return nil, err
	}
	res := sdk.NewAffectedItems("Obtained keys for all selected agents", "Some agent keys were not obtained",
		"No agent keys were obtained")
	if toInt(id) == 0 {
		res.AddFailed(id, sdk.NewError(1703))
		return sdk.OK(req, res)
	}
	r, qerr := m.agentRow(ctx, id, "name, register_ip, internal_key")
	switch {
	case qerr != nil:
		return nil, qerr
	case r == nil:
		res.AddFailed(id, sdk.NewError(1701))
	default:
		key := fmtID(toInt(id)) + " " + str(r["name"]) + " " + str(r["register_ip"]) + " " + str(r["internal_key"])
		res.AddAffected(orderedMap{{"id", id}, {"key", base64.StdEncoding.EncodeToString([]byte(key))}})
	}
	return sdk.OK(req, res)
}

// syncAgent is the deprecated GET /agents/{agent_id}/group/is_sync.
func (m *Module) syncAgent(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	id, err := singleAgent(req, "agent:read")
	if err != nil {
		return nil, err
	}
	res := sdk.NewAffectedItems("Sync info was returned for all selected agents",
		"Sync info was not returned for some selected agents", "No sync info was returned")
	if toInt(id) == 0 {
		res.AddFailed(id, sdk.NewError(1703))
		return deprecated(sdk.OK(req, res))
	}
	r, qerr := m.agentRow(ctx, id, "group_config_status")
	switch {
	case qerr != nil:
		return nil, qerr
	case r == nil:
		res.AddFailed(id, sdk.NewError(1701))
	default:
		res.AddAffected(orderedMap{{"id", id}, {"synced", str(r["group_config_status"]) == "synced"}})
	}
	return deprecated(sdk.OK(req, res))
}

func deprecated(resp *sdk.Response, err error) (*sdk.Response, error) {
	if resp != nil {
		resp.Header.Set("Deprecated", "true")
	}
	return resp, err
}

// uninstallPermission is GET /agents/uninstall: reaching it means the
// caller has agent:uninstall.
func (m *Module) uninstallPermission(_ context.Context, req *sdk.Request) (*sdk.Response, error) {
	return sdk.OK(req, sdk.WazuhResult{Message: "User has permission to uninstall agents"})
}

// distinctAgents is GET /agents/stats/distinct: counts of agents grouped
// by the requested fields (WazuhDBQueryGroupByAgents).
func (m *Module) distinctAgents(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	q := cleanQuery(req.Query)
	fields, _, err := listParam(q, "fields", schemaNames)
	if err != nil {
		return nil, err
	}
	if len(fields) == 0 {
		// Wazuh's GROUP BY over fields=None raises TypeError (500 code
		// 1000); a missing fields is bad input, answered as connexion
		// answers a missing required parameter.
		return nil, sdk.BadRequest("Missing query parameter 'fields'")
	}
	p, err := query.Parse(q, query.Spec{Order: []string{"offset", "limit", "sort", "search", "q"}})
	if err != nil {
		return nil, err
	}
	res := sdk.NewAffectedItems("All selected agents information was returned",
		"Some agents information was not returned", "No agent information was returned")
	items, total, ferr := m.groupBy(ctx, p, fields, idCond(scopeFor(req, "agent:read", "agent:id")))
	if ferr != nil {
		return nil, ferr
	}
	res.AddAffected(items...)
	res.SetTotal(total)
	return sdk.OK(req, res)
}
