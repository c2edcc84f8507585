package main

import (
	"context"
	"encoding/json"
	"sort"

	"github.com/wazuh-go/server/sdk"
)

// daemonStats is GET /agents/{agent_id}/daemons/stats
// (get_daemons_stats_agents): the manager's analysisd and remoted are asked
// for the agent's counters with the JSON "getagentsstats" command
// (data-layer.md §7) — for agent 000 as for any other agent, as these are
// manager daemons. A daemon that cannot be asked is a failed item with the
// daemon's name as id (1121 when its socket is unavailable, or the error
// the daemon answered); items are sorted by name, timestamp and each
// agent's uptime rendered as dates.
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
	type named struct {
		name string
		data orderedMap
	}
	var items []named
	for _, d := range daemons {
		data, werr := m.agentDaemonStats(ctx, daemonSockets[d], toInt(id))
		if werr != nil {
			res.AddFailed(d, werr)
			continue
		}
		name, _ := data.get("name")
		s, _ := name.(string)
		items = append(items, named{s, data})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].name < items[j].name })
	for _, it := range items {
		res.AddAffected(it.data)
	}
	return sdk.OK(req, res)
}

// agentDaemonStats is get_daemons_stats_socket(socket, agents_list=[id]).
func (m *Module) agentDaemonStats(ctx context.Context, socket string, agentID int) (orderedMap, *sdk.Error) {
	msg := comMessage("getagentsstats", orderedMap{{"agents", []int{agentID}}})
	out, err := m.host.SendSocket(ctx, socket, msg)
	if err != nil {
		return nil, errSocket()
	}
	var head comReply
	if json.Unmarshal(out, &head) != nil {
		return nil, errSocketIO("Invalid response")
	}
	if head.Error != 0 {
		// WazuhSocketJSON raises WazuhException(error, message,
		// cmd_error=True): the daemon's own code and text.
		return nil, &sdk.Error{Code: head.Error, HTTPStatus: 500, Message: head.Message}
	}
	v, derr := decodeOrdered(head.Data)
	data, ok := v.(orderedMap)
	if derr != nil || !ok {
		return nil, errSocketIO("Invalid response")
	}
	if ts, ok := data.get("timestamp"); ok {
		data = data.set("timestamp", isoFromEpoch(ts))
	}
	if agents, ok := data.get("agents"); ok {
		list, _ := agents.([]any)
		for _, a := range list {
			if ag, ok := a.(orderedMap); ok {
				if up, ok := ag.get("uptime"); ok {
					ag.set("uptime", isoFromEpoch(up))
				}
			}
		}
	}
	return data, nil
}
