package main

import (
	"context"
	"time"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

var taskOrder = []string{"task_id", "agent_id", "node", "module", "command", "create_time", "last_update_time",
	"status", "error_message"}

// tasksStatus is GET /tasks/status over tasks.db (WazuhDBQueryTask).
func (m *Module) tasksStatus(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	q := cleanQuery(req.Query)
	p, err := query.Parse(q, query.Spec{Order: []string{"offset", "limit", "q", "search", "select", "sort"}})
	if err != nil {
		return nil, err
	}
	var opts []query.Option
	if ids, ok, err := listParam(q, "agents_list", schemaAgentID); err != nil {
		return nil, err
	} else if ok {
		opts = append(opts, query.Filter("agent_id", ids...))
	}
	if ids, ok, err := listParam(q, "tasks_list", schemaTaskID); err != nil {
		return nil, err
	} else if ok {
		opts = append(opts, query.Filter("task_id", ids...))
	}
	for _, f := range []string{"command", "node", "module", "status"} {
		v, ok, err := strParam(q, f, schemaAlnum)
		if f == "command" {
			v, ok, err = strParam(q, f, strSchema{})
		}
		if err != nil {
			return nil, err
		}
		if ok {
			opts = append(opts, query.Filter(f, v))
		}
	}
	cq, werr := taskCatalogue.Compile(p, opts...)
	if werr != nil {
		return nil, werr
	}
	total, ferr := m.wdb.count(ctx, "task", cq.CountSQL, cq.CountArgs...)
	if ferr != nil {
		return nil, ferr
	}
	rows, ferr := m.wdb.rows(ctx, "task", cq.SQL, cq.Args...)
	if ferr != nil {
		return nil, ferr
	}
	res := sdk.NewAffectedItems("All specified task's status were returned", "Some status were not returned",
		"No status was returned")
	for _, r := range rows {
		res.AddAffected(taskItem(r, taskOrder))
	}
	res.SetTotal(total)
	return sdk.OK(req, res)
}

// taskItem formats a tasks row: agent_id padded, dates as
// "%Y-%m-%dT%H:%M:%SZ", NULLs omitted. Row keys may be lower-cased.
func taskItem(r map[string]any, order []string) orderedMap {
	o := orderedMap{}
	for _, k := range order {
		v, ok := r[k]
		if !ok {
			continue
		}
		switch k {
		case "agent_id":
			v = fmtID(toInt(v))
		case "task_id":
			v = toInt(v)
		case "create_time", "last_update_time":
			v = time.Unix(int64(toInt(v)), 0).UTC().Format("2006-01-02T15:04:05Z")
		}
		o = append(o, kv{k, v})
	}
	return o
}
