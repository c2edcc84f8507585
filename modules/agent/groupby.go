package main

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// groupByCatalogue is the agent catalogue without forced fields, for
// GROUP BY queries.
var groupByCatalogue = func() *query.Catalogue {
	c := *agentCatalogue
	c.MinSelect = nil
	return query.MustCatalogue(c)
}()

// groupBy counts agents grouped by fields (WazuhDBQueryGroupByAgents):
// items are the fields' values (nested, NULLs omitted) plus "count"; the
// total is the number of groups.
func (m *Module) groupBy(ctx context.Context, p query.Params, fields []string, conds ...query.Cond) ([]any, int, error) {
	if len(fields) == 0 {
		return nil, 0, sdk.NewError(1000)
	}
	p.Select = fields
	p.Distinct = false
	exprs := make([]string, 0, len(fields))
	for _, f := range fields {
		if fd, ok := agentCatalogue.Field(f); ok {
			exprs = append(exprs, fd.Expr)
		}
	}
	c := *groupByCatalogue
	c.GroupBy = strings.Join(exprs, ",")
	cat, err := query.NewCatalogue(c)
	if err != nil {
		return nil, 0, err
	}
	opts := make([]query.Option, 0, len(conds))
	for _, cd := range conds {
		opts = append(opts, query.Where(cd))
	}
	q, werr := cat.Compile(p, opts...)
	if werr != nil {
		return nil, 0, werr
	}
	total, err := m.wdb.count(ctx, "global", q.CountSQL, q.CountArgs...)
	if err != nil {
		return nil, 0, err
	}
	sql := strings.Replace(q.SQL, " FROM agent", `, COUNT(*) AS "count" FROM agent`, 1)
	cmd, err := sqlCommand("global", sql, q.Args)
	if err != nil {
		return nil, 0, err
	}
	raw, err := m.host.QueryWDB(ctx, cmd)
	if err != nil {
		return nil, 0, err
	}
	plan := newAgentPlan(append(append([]string{}, q.Columns...), "count"), true)
	var items []any
	vals := plan.newRow()
	err = eachRow(raw, func(r *rowScanner) error {
		b, err := plan.appendAgent(nil, r, vals)
		items = append(items, json.RawMessage(b))
		return err
	})
	return items, total, err
}
