package main

import (
	"context"
	"fmt"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// restartMsgs are restart_agents' messages.
func restartMsgs() *sdk.AffectedItemsResult {
	return sdk.NewAffectedItems("Restart command was sent to all agents",
		"Restart command was not sent to some agents", "Restart command was not sent to any agent")
}

// activeAgents returns the versions of the active agents among ids (all
// permitted agents but 000 when ids is nil), as wazuh-db's restartinfo.
func (m *Module) activeAgents(ctx context.Context, ids []string, extra query.Cond) (map[int]string, []int, error) {
	where := "connection_status = 'active' AND id != 0"
	args := []any{}
	if ids != nil {
		c := query.In("id", false, agentIDs(ids)...)
		where += " AND " + c.SQL
		args = append(args, c.Args...)
	}
	if extra.SQL != "" {
		where += " AND " + extra.SQL
		args = append(args, extra.Args...)
	}
	rows, err := m.wdb.rows(ctx, "global", "SELECT id, version FROM agent WHERE "+where+" ORDER BY id", args...)
	if err != nil {
		return nil, nil, err
	}
	out := make(map[int]string, len(rows))
	order := make([]int, 0, len(rows))
	for _, r := range rows {
		id := toInt(r["id"])
		out[id] = str(r["version"])
		order = append(order, id)
	}
	return out, order, nil
}

// sendAR sends one message to the active-response queue.
func (m *Module) sendAR(ctx context.Context, msg string) error {
	if _, err := m.host.SendSocket(ctx, "ar", []byte(msg)); err != nil {
		return fmt.Errorf("agent: ar queue: %w", err)
	}
	return nil
}

// restart is restart_agents: explicit ids report 1701/1703/1707 (and 4000
// for denied ones); the "all" mode silently restarts the active agents.
func (m *Module) restart(ctx context.Context, req *sdk.Request, res *sdk.AffectedItemsResult, ids []string, scope sdk.ResourceScope, extra query.Cond) (*sdk.Response, error) {
	all := ids == nil
	targets, err := m.targetAgents(ctx, res, scope, ids, all)
	if err != nil {
		return nil, err
	}
	if len(targets) == 0 {
		return sdk.OK(req, res)
	}
	var filter []string
	if !all {
		filter = targets
	}
	active, order, err := m.activeAgents(ctx, filter, extra)
	if err != nil {
		return nil, err
	}
	if all {
		allowed := map[int]bool{}
		for _, id := range targets {
			allowed[toInt(id)] = true
		}
		for _, id := range order {
			if allowed[id] {
				if err := m.sendAR(ctx, restartMessage(fmtID(id), active[id])); err != nil {
					return nil, err
				}
				res.AddAffected(fmtID(id))
			}
		}
		return sdk.OK(req, res)
	}
	var done []string
	for _, id := range targets {
		v, ok := active[toInt(id)]
		if !ok {
			res.AddFailed(id, sdk.NewError(1707))
			continue
		}
		if err := m.sendAR(ctx, restartMessage(fmtID(toInt(id)), v)); err != nil {
			return nil, err
		}
		done = append(done, id)
	}
	sortIDs(done)
	for _, id := range done {
		res.AddAffected(id)
	}
	return sdk.OK(req, res)
}

// restartAgents is PUT /agents/restart (no agents_list = every agent).
func (m *Module) restartAgents(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	ids, _, err := listParam(cleanQuery(req.Query), "agents_list", schemaAgentID)
	if err != nil {
		return nil, err
	}
	return m.restart(ctx, req, restartMsgs(), ids, scopeFor(req, "agent:restart", "agent:id"), query.Cond{})
}

// restartAgent is PUT /agents/{agent_id}/restart.
func (m *Module) restartAgent(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	id, err := pathParam(req, "agent_id", schemaAgentID)
	if err != nil {
		return nil, err
	}
	return m.restart(ctx, req, restartMsgs(), []string{id}, scopeFor(req, "agent:restart", "agent:id"), query.Cond{})
}

// restartGroup is PUT /agents/group/{group_id}/restart: the group's agents
// the caller may read, restarted as an explicit list.
func (m *Module) restartGroup(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	group, err := pathParam(req, "group_id", schemaGroupID)
	if err != nil {
		return nil, err
	}
	if err := m.requireGroup(ctx, group); err != nil {
		return nil, err
	}
	read := idCond(scopeFor(req, "agent:read", "agent:id"))
	where := "id IN (SELECT id_agent FROM belongs JOIN `group` ON `group`.id = id_group WHERE `group`.name = ?)"
	if read.SQL != "" {
		where += " AND " + read.SQL
	}
	rows, ferr := m.wdb.rows(ctx, "global", "SELECT id FROM agent WHERE "+where+" ORDER BY id", group)
	if ferr != nil {
		return nil, ferr
	}
	res := restartMsgs()
	if len(rows) == 0 {
		return sdk.OK(req, res)
	}
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, fmtID(toInt(r["id"])))
	}
	return m.restart(ctx, req, res, ids, scopeFor(req, "agent:restart", "agent:id"), query.Cond{})
}

// restartNode is PUT /agents/node/{node_id}/restart. Standalone (the
// embedded default) answers as Wazuh without a cluster: 3013.
func (m *Module) restartNode(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	node, err := pathParam(req, "node_id", schemaNames)
	if err != nil {
		return nil, err
	}
	if !m.settings.ClusterEnabled {
		return controllerError(sdk.NewError(3013)), nil
	}
	if node != m.nodeName {
		return nil, sdk.NewError(1730)
	}
	cond := query.Cond{SQL: "node_name = ?", Args: []any{node}}
	return m.restart(ctx, req, restartMsgs(), nil, scopeFor(req, "agent:restart", "agent:id"), cond)
}

// reconnectAgents is PUT /agents/reconnect (no agents_list = every agent).
func (m *Module) reconnectAgents(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	ids, _, err := listParam(cleanQuery(req.Query), "agents_list", schemaAgentID)
	if err != nil {
		return nil, err
	}
	res := sdk.NewAffectedItems("Force reconnect command was sent to all agents",
		"Force reconnect command was not sent to some agents", "Force reconnect command was not sent to any agent")
	all := ids == nil
	targets, ferr := m.targetAgents(ctx, res, scopeFor(req, "agent:reconnect", "agent:id"), ids, all)
	if ferr != nil || len(targets) == 0 {
		if ferr != nil {
			return nil, ferr
		}
		return sdk.OK(req, res)
	}
	var filter []string
	if !all {
		filter = targets
	}
	active, _, ferr := m.activeAgents(ctx, filter, query.Cond{})
	if ferr != nil {
		return nil, ferr
	}
	var done []string
	for _, id := range targets {
		if _, ok := active[toInt(id)]; !ok {
			if !all {
				res.AddFailed(id, sdk.NewError(1707))
			}
			continue
		}
		if err := m.sendAR(ctx, reconnectMessage(fmtID(toInt(id)))); err != nil {
			return nil, err
		}
		done = append(done, id)
	}
	sortIDs(done)
	for _, id := range done {
		res.AddAffected(id)
	}
	return sdk.OK(req, res)
}
