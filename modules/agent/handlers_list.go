package main

import (
	"context"
	"net/url"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// Parameter orders of the listing operations in spec.yaml (connexion
// reports the first invalid one).
var (
	orderAgents   = []string{"offset", "limit", "select", "sort", "search", "q", "distinct"}
	orderNoGroup  = []string{"offset", "limit", "select", "sort", "search", "q"}
	orderOutdated = []string{"offset", "limit", "sort", "search", "select", "q"}
)

// agentFilter is one legacy filter parameter of the agent listings.
type agentFilter struct {
	param, field string
	schema       strSchema
}

var agentFilters = []agentFilter{
	{"os.platform", "os.platform", schemaAlnum}, {"os.version", "os.version", schemaAlnum},
	{"os.name", "os.name", schemaAlnum}, {"manager", "manager", schemaAlnum}, {"version", "version", schemaAlnum},
	{"group", "group", schemaGroupID}, {"node_name", "node_name", schemaNames}, {"name", "name", schemaAlnum},
	{"ip", "ip", schemaAlnum}, {"registerIP", "registerIP", schemaAlnum},
}

// filterOptions reads the legacy agent filters present in q.
func filterOptions(q url.Values, withStatus bool) ([]query.Option, *sdk.Error) {
	var opts []query.Option
	if withStatus {
		st, ok, err := listParam(q, "status", schemaStatus)
		if err != nil {
			return nil, err
		}
		if ok {
			opts = append(opts, query.Filter("status", st...))
		}
	}
	for _, f := range agentFilters {
		v, ok, err := strParam(q, f.param, f.schema)
		if err != nil {
			return nil, err
		}
		if ok {
			opts = append(opts, query.Filter(f.field, v))
		}
	}
	return opts, nil
}

// withOlderThan appends the older_than rewrite of WazuhDBQueryAgents to q.
func withOlderThan(q, olderThan string) string {
	if olderThan == "" || olderThan == "0s" {
		return q
	}
	ot := "(lastKeepAlive>" + olderThan + ";status!=never_connected,dateAdd>" + olderThan + ";status=never_connected)"
	if q == "" {
		return ot
	}
	return q + ";" + ot
}

// getAgents is GET /agents.
func (m *Module) getAgents(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	q := cleanQuery(req.Query)
	ids, hasIDs, err := listParam(q, "agents_list", schemaAgentID)
	if err != nil {
		return nil, err
	}
	p, err := query.Parse(q, query.Spec{Order: orderAgents})
	if err != nil {
		return nil, err
	}
	opts, err := filterOptions(q, true)
	if err != nil {
		return nil, err
	}
	olderThan, _, err := strParam(q, "older_than", schemaTimeframe)
	if err != nil {
		return nil, err
	}
	gcs, ok, err := strParam(q, "group_config_status", schemaGroupConfig)
	if err != nil {
		return nil, err
	}
	if ok {
		opts = append(opts, query.Filter("group_config_status", gcs))
	}
	p.Q = withOlderThan(p.Q, olderThan)
	l := agentList{explicit: len(p.Select) > 0, msgs: agentListMsgs}
	scope := scopeFor(req, "agent:read", "agent:id")
	if hasIDs {
		// Wazuh's failed items hold a set of ids per error: a repeated id
		// is reported once.
		ids = dedupe(ids)
		pre := sdk.NewAffectedItems("", "", "")
		allowed, err := explicitIDs(pre, scope, ids)
		if err != nil {
			return nil, err
		}
		missing, ferr := m.missingAgents(ctx, allowed)
		if ferr != nil {
			return nil, ferr
		}
		l.failed = func(res *sdk.AffectedItemsResult) {
			for _, id := range missing {
				res.AddFailed(id, sdk.NewError(1701))
			}
			for _, d := range deniedOf(scope, ids) {
				res.AddDenied("agent:id", d)
			}
		}
		opts = append(opts, query.Where(query.In("id", false, agentIDs(allowed)...)))
	} else {
		opts = append(opts, query.Where(idCond(scope)))
	}
	if l.q, err = agentCatalogue.Compile(p, opts...); err != nil {
		return nil, err
	}
	return m.streamAgents(ctx, req, l)
}

// deniedOf returns the ids the scope denies.
func deniedOf(s sdk.ResourceScope, ids []string) []string {
	_, denied := s.Partition(ids)
	return denied
}

// missingAgents returns the ids (as given) that are not registered.
func (m *Module) missingAgents(ctx context.Context, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	q := query.In("id", false, agentIDs(ids)...)
	rows, err := m.wdb.rows(ctx, "global", "SELECT id FROM agent WHERE "+q.SQL, q.Args...)
	if err != nil {
		return nil, err
	}
	exists := make(map[int]bool, len(rows))
	for _, r := range rows {
		exists[toInt(r["id"])] = true
	}
	var missing []string
	for _, id := range ids {
		n := toInt(id)
		if !exists[n] {
			missing = append(missing, id)
		}
	}
	return missing, nil
}

// noGroup is GET /agents/no_group: q = "id!=000;group=null" + ";" + q.
func (m *Module) noGroup(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	q := cleanQuery(req.Query)
	p, err := query.Parse(q, query.Spec{Order: orderNoGroup})
	if err != nil {
		return nil, err
	}
	if p.Q != "" {
		p.Q = "id!=000;group=null;" + p.Q
	} else {
		p.Q = "id!=000;group=null"
	}
	l := agentList{explicit: len(p.Select) > 0, msgs: agentListMsgs}
	if l.q, err = agentCatalogue.Compile(p, query.Where(idCond(scopeFor(req, "agent:read", "agent:id")))); err != nil {
		return nil, err
	}
	return m.streamAgents(ctx, req, l)
}

// outdated is GET /agents/outdated: agents whose version differs from the
// manager's (q ANDed as ";(q)").
func (m *Module) outdated(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	q := cleanQuery(req.Query)
	p, err := query.Parse(q, query.Spec{Order: orderOutdated})
	if err != nil {
		return nil, err
	}
	rows, ferr := m.wdb.rows(ctx, "global", "SELECT version FROM agent WHERE id = 0")
	if ferr != nil {
		return nil, ferr
	}
	version := ""
	if len(rows) > 0 {
		version = str(rows[0]["version"])
	}
	cond := query.Cond{SQL: "version != ? COLLATE NOCASE", Args: []any{version}}
	opts := []query.Option{query.Where(idCond(scopeFor(req, "agent:read", "agent:id"))), query.Where(cond)}
	l := agentList{explicit: len(p.Select) > 0, msgs: agentListMsgs}
	if l.q, err = agentCatalogue.Compile(p, opts...); err != nil {
		return nil, err
	}
	return m.streamAgents(ctx, req, l)
}
