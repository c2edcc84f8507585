package main

import (
	"context"
	"encoding/json"
	"io"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// overview is GET /overview/agents (get_full_overview): every section is
// computed in "all" mode, so missing permissions give empty sections.
func (m *Module) overview(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	scope := scopeFor(req, "agent:read", "agent:id")
	notManager := query.Cond{SQL: "id != 0"}
	cond := idCond(scope)
	p := query.Params{Limit: query.DefaultLimit}
	nodes, _, err := m.groupBy(ctx, p, []string{"node_name"}, cond, notManager)
	if err != nil {
		return nil, err
	}
	agentOS, _, err := m.groupBy(ctx, p, []string{"os.name", "os.platform", "os.version"}, cond, notManager)
	if err != nil {
		return nil, err
	}
	versions, _, err := m.groupBy(ctx, p, []string{"version"}, cond, notManager)
	if err != nil {
		return nil, err
	}
	status, err := m.statusSummary(ctx, scope)
	if err != nil {
		return nil, err
	}
	gscope := scopeFor(req, "group:read", "group:id")
	names, err := m.groupNames(ctx)
	if err != nil {
		return nil, err
	}
	var permitted []string
	for _, g := range names {
		if gscope.Permits(g) {
			permitted = append(permitted, g)
		}
	}
	gitems, err := m.groupItems(ctx, permitted, "md5")
	if err != nil {
		return nil, err
	}
	// get_agent_groups() is called without a limit (process_array's
	// limit=None): every group, not the first 500.
	gpage, _, werr := query.ApplyArray(gitems, query.Params{Limit: query.MaxLimit},
		query.ArrayOptions{DefaultSort: []string{"name"}})
	if werr != nil {
		return nil, werr
	}
	last, err := m.lastRegistered(ctx, cond)
	if err != nil {
		return nil, err
	}
	data := orderedMap{
		{"nodes", nonNil(nodes)}, {"groups", nonNil(ordered(gpage, groupOrder))}, {"agent_os", nonNil(agentOS)},
		{"agent_status", status}, {"agent_version", nonNil(versions)}, {"last_registered_agent", last},
	}
	return sdk.OK(req, sdk.WazuhResult{Data: data})
}

// lastRegistered is get_agents(limit=1, sort=-dateAdd, q=id!=000).
func (m *Module) lastRegistered(ctx context.Context, cond query.Cond) ([]any, error) {
	p := query.Params{Limit: 1, Sort: &query.Sort{Fields: []string{"dateAdd"}, Desc: true}, Q: "id!=000"}
	q, werr := agentCatalogue.Compile(p, query.Where(cond))
	if werr != nil {
		return nil, werr
	}
	cmd, err := sqlCommand("global", q.SQL, q.Args)
	if err != nil {
		return nil, err
	}
	var buf jsonBuf
	if _, err := m.writeAgentRows(&buf, newAgentPlan(q.Columns, false), func(page func(json.RawMessage) error) error {
		return m.host.StreamWDB(ctx, cmd, page)
	}); err != nil {
		return nil, err
	}
	if len(buf) == 0 {
		return []any{}, nil
	}
	return []any{json.RawMessage(buf)}, nil
}

// jsonBuf collects written bytes.
type jsonBuf []byte

func (b *jsonBuf) Write(p []byte) (int, error) { *b = append(*b, p...); return len(p), nil }

var _ io.Writer = (*jsonBuf)(nil)

func nonNil(v []any) []any {
	if v == nil {
		return []any{}
	}
	return v
}
