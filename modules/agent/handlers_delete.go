package main

import (
	"context"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pyjson"
	"github.com/wazuh-go/server/sdk/query"
)

// deleteFilterOrder is the order of the delete filters in the 1731 message
// (the controller's filters dict).
var deleteFilterOrder = []string{"status", "older_than", "os.platform", "os.version", "os.name", "manager", "version",
	"group", "node_name", "name", "ip", "registerIP"}

// deleteAgents is DELETE /agents: agents_list* (ids or all), status*,
// purge, older_than (default 7d), q and the agent filters. Eligible agents
// are removed through authd.
func (m *Module) deleteAgents(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	q := cleanQuery(req.Query)
	ids, err := requiredList(q, "agents_list", schemaAgentIDAll)
	if err != nil {
		return nil, err
	}
	purge, _, err := optBool(q, "purge", false)
	if err != nil {
		return nil, err
	}
	status, err := requiredList(q, "status", schemaStatusDelete)
	if err != nil {
		return nil, err
	}
	olderThan, ok, err := strParam(q, "older_than", schemaOlderThan)
	if err != nil {
		return nil, err
	}
	if !ok {
		olderThan = "7d"
	}
	wql, _ := query.LastValue(q, "q")
	opts, err := filterOptions(q, false)
	if err != nil {
		return nil, err
	}
	opts = append(opts, query.Filter("status", status...))
	res := sdk.NewAffectedItems("All selected agents were deleted", "Some agents were not deleted", "No agents were deleted")
	scope := scopeFor(req, "agent:delete", "agent:id")
	all := isAll(ids)
	targets, ferr := m.targetAgents(ctx, res, scope, ids, all)
	if ferr != nil {
		return nil, ferr
	}
	// Wazuh runs the eligibility query (validating q and the filters)
	// whenever the permitted list is not empty, even when none of its ids
	// exists; only "all" without any permitted agent skips it.
	if len(targets) == 0 && all && !permitsAny(scope) {
		return sdk.OK(req, res)
	}
	p := query.Params{Limit: query.NoLimit, Select: []string{"id"}, Q: withOlderThan(wql, olderThan)}
	opts = append(opts, query.Where(query.In("id", false, agentIDs(targets)...)))
	cq, cerr := agentCatalogue.Compile(p, opts...)
	if cerr != nil {
		return nil, cerr
	}
	rows, ferr := m.wdb.rows(ctx, "global", cq.SQL, cq.Args...) // LIMIT -1: every row
	if ferr != nil {
		return nil, ferr
	}
	eligible := map[int]bool{}
	for _, r := range rows {
		eligible[toInt(r["id"])] = true
	}
	notMet := sdk.NewError(1731, "some of the requirements are not met -> "+requirements(q, status, olderThan, wql))
	var done []string
	for _, id := range targets {
		if !eligible[toInt(id)] {
			if !all {
				res.AddFailed(id, notMet)
			}
			continue
		}
		if err := m.unregister(ctx, fmtID(toInt(id)), purge); err != nil {
			if we, ok := err.(*sdk.Error); ok && we.Code == 1726 {
				return nil, we
			}
			res.AddFailed(id, asWazuh(err))
			continue
		}
		done = append(done, id)
	}
	sortIDs(done)
	for _, id := range done {
		res.AddAffected(id)
	}
	return sdk.OK(req, res)
}

// targetAgents resolves the agents an action applies to: explicit ids
// (denied ones as 4000, 000 as 1703 and unknown ones as 1701 failed
// items) or, for "all"/no list, every permitted agent but 000, silently.
func (m *Module) targetAgents(ctx context.Context, res *sdk.AffectedItemsResult, scope sdk.ResourceScope, ids []string, all bool) ([]string, error) {
	if all || ids == nil {
		cond := idCond(scope)
		where := "id != 0"
		if cond.SQL != "" {
			where += " AND " + cond.SQL
		}
		rows, err := m.wdb.rows(ctx, "global", "SELECT id FROM agent WHERE "+where+" ORDER BY id")
		if err != nil {
			return nil, err
		}
		out := make([]string, 0, len(rows))
		for _, r := range rows {
			out = append(out, fmtID(toInt(r["id"])))
		}
		return out, nil
	}
	allowed, werr := explicitIDs(res, scope, dedupe(ids))
	if werr != nil {
		return nil, werr
	}
	var rest []string
	for _, id := range allowed {
		if toInt(id) == 0 {
			res.AddFailed(id, sdk.NewError(1703))
			continue
		}
		rest = append(rest, id)
	}
	missing, err := m.missingAgents(ctx, rest)
	if err != nil {
		return nil, err
	}
	gone := map[string]bool{}
	for _, id := range missing {
		gone[id] = true
		res.AddFailed(id, sdk.NewError(1701))
	}
	var out []string
	for _, id := range rest {
		if !gone[id] {
			out = append(out, id)
		}
	}
	return out, nil
}

// requirements renders the filters of a delete for the 1731 message:
// "status: ['all'], older_than: 7d, os.platform: None, …[, q: <q>]".
func requirements(q url.Values, status []string, olderThan, wql string) string {
	parts := make([]string, 0, len(deleteFilterOrder)+1)
	for _, k := range deleteFilterOrder {
		var v string
		switch k {
		case "status":
			quoted := make([]string, len(status))
			for i, s := range status {
				quoted[i] = pyjson.StrRepr(s)
			}
			v = "[" + strings.Join(quoted, ", ") + "]"
		case "older_than":
			v = olderThan
		default:
			if x, ok := query.LastValue(q, k); ok {
				v = x
			} else {
				v = "None"
			}
		}
		parts = append(parts, k+": "+v)
	}
	s := strings.Join(parts, ", ")
	if wql != "" {
		s += ", q: " + wql
	}
	return s
}

// dedupe drops repeated ids, keeping the first occurrence.
func dedupe(ids []string) []string {
	seen := map[string]bool{}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// sortIDs sorts agent ids numerically (Python's sort(key=int)).
func sortIDs(ids []string) {
	sort.SliceStable(ids, func(i, j int) bool {
		a, _ := strconv.Atoi(ids[i])
		b, _ := strconv.Atoi(ids[j])
		return a < b
	})
}

// asWazuh returns err as a *sdk.Error (1000 for anything else).
func asWazuh(err error) *sdk.Error {
	if we, ok := err.(*sdk.Error); ok {
		return we
	}
	return sdk.NewError(1000)
}
