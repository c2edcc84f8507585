package main

import (
	"context"
	"net/http"
	"strings"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// moduleError is an upgrade-module failure: WazuhError(1810+e,
// cmd_error=True), whose message is the module's and has no remediation.
func moduleError(code int, msg string) *sdk.Error {
	return &sdk.Error{Code: code, HTTPStatus: http.StatusBadRequest, Message: msg}
}

// eligibleForUpgrade resolves the agents of an upgrade operation: explicit
// ids (1701, 1703, 4000) then the filters and q (1731).
func (m *Module) eligibleForUpgrade(ctx context.Context, req *sdk.Request, res *sdk.AffectedItemsResult, ids []string) ([]string, error) {
	q := cleanQuery(req.Query)
	all := ids == nil || isAll(ids)
	scope := scopeFor(req, "agent:upgrade", "agent:id")
	targets, err := m.targetAgents(ctx, res, scope, ids, all)
	if err != nil || (len(targets) == 0 && all && !permitsAny(scope)) {
		return nil, err
	}
	opts, ferr := filterOptions(q, false)
	if ferr != nil {
		return nil, ferr
	}
	wql, _ := query.LastValue(q, "q")
	opts = append(opts, query.Where(query.In("id", false, agentIDs(targets)...)))
	cq, werr := agentCatalogue.Compile(query.Params{Limit: query.NoLimit, Select: []string{"id"}, Q: wql}, opts...)
	if werr != nil {
		return nil, werr
	}
	rows, err := m.wdb.rows(ctx, "global", cq.SQL, cq.Args...)
	if err != nil {
		return nil, err
	}
	ok := map[int]bool{}
	for _, r := range rows {
		ok[toInt(r["id"])] = true
	}
	var out []string
	for _, id := range targets {
		if ok[toInt(id)] {
			out = append(out, id)
		} else if !all {
			res.AddFailed(id, sdk.NewError(1731, "some of the requirements are not met -> "+
				strings.TrimPrefix(requirements(q, nil, "", wql), "status: [], older_than: , ")))
		}
	}
	return out, nil
}

// upgradeAgents is PUT /agents/upgrade and /agents/upgrade_custom. Without
// WPK packages every agent fails in the upgrade module: inactive ones with
// "Agent is not active", active ones because the WPK repository (or the
// custom file) is not available; no task is created.
func (m *Module) upgradeAgents(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	q := cleanQuery(req.Query)
	ids, err := requiredList(q, "agents_list", schemaAgentIDAll)
	if err != nil {
		return nil, err
	}
	custom := req.RouteID == routeUpgradeCustom
	if custom {
		if _, err := requiredStr(q, "file_path", schemaWPKPath); err != nil {
			return nil, err
		}
		if _, _, err := strParam(q, "installer", schemaAlnum); err != nil {
			return nil, err
		}
	} else {
		for _, c := range []struct {
			name string
			s    strSchema
		}{{"wpk_repo", schemaPath}, {"upgrade_version", schemaVersion}, {"package_type", schemaPackageType}} {
			if _, _, err := strParam(q, c.name, c.s); err != nil {
				return nil, err
			}
		}
		for _, b := range []string{"use_http", "force"} {
			if _, _, err := optBool(q, b, false); err != nil {
				return nil, err
			}
		}
	}
	res := sdk.NewAffectedItems("All upgrade tasks were created", "Some upgrade tasks were not created",
		"No upgrade task was created")
	targets, ferr := m.eligibleForUpgrade(ctx, req, res, ids)
	if ferr != nil {
		return nil, ferr
	}
	active, _, ferr := m.activeAgents(ctx, targets, query.Cond{})
	if ferr != nil {
		return nil, ferr
	}
	// Codes are 1810 + the upgrade module's error (written from memory of
	// wm_agent_upgrade's enum, the reference only gives the 1810-1899
	// range): 10 agent not active, 12 repository not reachable, 17 WPK
	// file does not exist. 1810 itself (e = 0) is success, never a failure.
	for _, id := range targets {
		switch _, on := active[toInt(id)]; {
		case !on:
			res.AddFailed(id, moduleError(1820, "Agent is not active"))
		case custom:
			res.AddFailed(id, moduleError(1827, "The WPK file does not exist"))
		default:
			res.AddFailed(id, moduleError(1822, "The repository is not reachable"))
		}
	}
	return sdk.OK(req, res)
}

// upgradeResult is GET /agents/upgrade_result: the latest upgrade task of
// each agent from tasks.db; agents without one fail with 1813.
func (m *Module) upgradeResult(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	ids, _, err := listParam(cleanQuery(req.Query), "agents_list", schemaAgentID)
	if err != nil {
		return nil, err
	}
	res := sdk.NewAffectedItems("All upgrade tasks were returned", "Some upgrade tasks were not returned",
		"No upgrade task was returned")
	targets, ferr := m.eligibleForUpgrade(ctx, req, res, ids)
	if ferr != nil || len(targets) == 0 {
		if ferr != nil {
			return nil, ferr
		}
		return sdk.OK(req, res)
	}
	c := query.In("agent_id", false, agentIDs(targets)...)
	// tasks.db declares its columns in upper case, which SQLite reports as
	// the row keys of bare column references: alias them.
	rows, ferr := m.wdb.rows(ctx, "task", "SELECT task_id AS task_id, agent_id AS agent_id, node AS node, "+
		"module AS module, command AS command, status AS status, error_message AS error_message, "+
		"create_time AS create_time, last_update_time AS last_update_time "+
		"FROM tasks WHERE module = 'upgrade_module' AND "+c.SQL+" ORDER BY task_id", c.Args...)
	if ferr != nil {
		return nil, ferr
	}
	latest := map[int]map[string]any{}
	for _, r := range rows {
		latest[toInt(r["agent_id"])] = r
	}
	for _, id := range targets {
		r, ok := latest[toInt(id)]
		if !ok {
			if ids != nil {
				res.AddFailed(id, moduleError(1813, "No task in DB"))
			}
			continue
		}
		item := orderedMap{{"agent", fmtID(toInt(id))}, {"task_id", toInt(r["task_id"])}}
		for _, k := range []string{"node", "module", "command", "status", "error_message"} {
			if v, ok := r[k]; ok {
				name := k
				if k == "error_message" {
					name = "error_msg"
				}
				item = append(item, kv{name, v})
			}
		}
		dates := taskItem(r, []string{"create_time", "last_update_time"})
		for _, d := range dates {
			name := d.k
			if name == "last_update_time" {
				name = "update_time"
			}
			item = append(item, kv{name, d.v})
		}
		res.AddAffected(item)
	}
	return sdk.OK(req, res)
}
