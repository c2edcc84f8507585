package main

import (
	"context"
	"sort"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// statusSummary is get_agents_summary_status's data (agent 000 excluded).
func (m *Module) statusSummary(ctx context.Context, scope sdk.ResourceScope) (orderedMap, error) {
	cond := idCond(scope)
	where := "id != 0"
	if cond.SQL != "" {
		where += " AND " + cond.SQL
	}
	rows, err := m.wdb.rows(ctx, "global", "SELECT connection_status AS status, group_config_status AS sync, "+
		"COUNT(*) AS n FROM agent WHERE "+where+" GROUP BY connection_status, group_config_status")
	if err != nil {
		return nil, err
	}
	conn := map[string]int{}
	synced, notSynced, total := 0, 0, 0
	for _, r := range rows {
		n := toInt(r["n"])
		conn[str(r["status"])] += n
		if str(r["sync"]) == "synced" {
			synced += n
		} else {
			notSynced += n
		}
		total += n
	}
	return orderedMap{
		{"connection", orderedMap{{"active", conn["active"]}, {"disconnected", conn["disconnected"]},
			{"never_connected", conn["never_connected"]}, {"pending", conn["pending"]}, {"total", total}}},
		{"configuration", orderedMap{{"synced", synced}, {"not_synced", notSynced}, {"total", total}}},
	}, nil
}

// summaryStatus is GET /agents/summary/status.
func (m *Module) summaryStatus(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	data, err := m.statusSummary(ctx, scopeFor(req, "agent:read", "agent:id"))
	if err != nil {
		return nil, err
	}
	return sdk.OK(req, sdk.WazuhResult{Data: data})
}

// osPlatforms lists the distinct os_platform values (sorted, at most 500).
func (m *Module) osPlatforms(ctx context.Context, scope sdk.ResourceScope) ([]any, error) {
	cond := idCond(scope)
	where := "id != 0 AND os_platform IS NOT null AND os_platform != ''"
	if cond.SQL != "" {
		where += " AND " + cond.SQL
	}
	rows, err := m.wdb.rows(ctx, "global",
		"SELECT DISTINCT os_platform AS platform FROM agent WHERE "+where+" ORDER BY os_platform ASC LIMIT 500")
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(rows))
	for _, r := range rows {
		out = append(out, str(r["platform"]))
	}
	return out, nil
}

// summaryOS is GET /agents/summary/os.
func (m *Module) summaryOS(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	items, err := m.osPlatforms(ctx, scopeFor(req, "agent:read", "agent:id"))
	if err != nil {
		return nil, err
	}
	res := sdk.NewAffectedItems("Showing the operative system of all specified agents",
		"Could not get the operative system of some agents", "Could not get the operative system of the agents")
	res.AddAffected(items...)
	return sdk.OK(req, res)
}

// summary is GET /agents/summary: counts by status, platform and group
// over the permitted agents (wazuh-db's agents summary).
func (m *Module) summary(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	q := cleanQuery(req.Query)
	ids, hasIDs, err := listParam(q, "agents_list", schemaAgentID)
	if err != nil {
		return nil, err
	}
	scope := scopeFor(req, "agent:read", "agent:id")
	cond := idCond(scope)
	if hasIDs {
		allowed, _ := scope.Partition(ids)
		cond = query.In("id", false, agentIDs(allowed)...)
	}
	where := "id != 0"
	if cond.SQL != "" {
		where += " AND " + cond.SQL
	}
	status, ferr := m.countBy(ctx, "SELECT connection_status AS k, COUNT(*) AS n FROM agent WHERE "+where+
		" GROUP BY connection_status", cond.Args)
	if ferr != nil {
		return nil, ferr
	}
	oss, ferr := m.countBy(ctx, "SELECT os_platform AS k, COUNT(*) AS n FROM agent WHERE "+where+
		" AND os_platform IS NOT NULL GROUP BY os_platform", cond.Args)
	if ferr != nil {
		return nil, ferr
	}
	groups, ferr := m.countBy(ctx, "SELECT g.name AS k, COUNT(*) AS n FROM belongs b JOIN `group` g ON g.id = b.id_group "+
		"WHERE b.id_agent IN (SELECT id FROM agent WHERE "+where+") GROUP BY g.name", cond.Args)
	if ferr != nil {
		return nil, ferr
	}
	st := map[string]int{}
	for _, e := range status {
		st[e.k] = e.v.(int)
	}
	data := orderedMap{
		{"status", orderedMap{{"active", st["active"]}, {"disconnected", st["disconnected"]},
			{"never_connected", st["never_connected"]}, {"pending", st["pending"]}}},
		{"os", oss},
		{"groups", groups},
	}
	return sdk.OK(req, sdk.WazuhResult{Data: data})
}

// countBy runs a "SELECT k, n" query and returns {k: n} ordered by count
// descending, then key.
func (m *Module) countBy(ctx context.Context, stmt string, args []any) (orderedMap, error) {
	rows, err := m.wdb.rows(ctx, "global", stmt, args...)
	if err != nil {
		return nil, err
	}
	out := make(orderedMap, 0, len(rows))
	for _, r := range rows {
		out = append(out, kv{str(r["k"]), toInt(r["n"])})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].v.(int) != out[j].v.(int) {
			return out[i].v.(int) > out[j].v.(int)
		}
		return out[i].k < out[j].k
	})
	return out, nil
}
