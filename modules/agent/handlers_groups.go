package main

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// defaultAgentConf is etc/shared/agent-template.conf as Wazuh ships it.
const defaultAgentConf = "<agent_config>\n\n  <!-- Shared agent configuration here -->\n\n</agent_config>\n"

// getGroups is GET /groups.
func (m *Module) getGroups(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	q := cleanQuery(req.Query)
	list, hasList, err := listParam(q, "groups_list", schemaGroupID)
	if err != nil {
		return nil, err
	}
	p, err := query.Parse(q, query.Spec{Order: []string{"offset", "limit", "sort", "search", "q", "select", "distinct"}})
	if err != nil {
		return nil, err
	}
	alg, ok, err := strParam(q, "hash", schemaHash)
	if err != nil {
		return nil, err
	}
	if !ok {
		alg = "md5"
	}
	res := sdk.NewAffectedItems("All selected groups information was returned",
		"Some groups information was not returned", "No group information was returned")
	scope := scopeFor(req, "group:read", "group:id")
	system, ferr := m.groupNames(ctx)
	if ferr != nil {
		return nil, ferr
	}
	var names []string
	if hasList {
		allowed, werr := explicitIDs(res, scope, list)
		if werr != nil {
			return nil, werr
		}
		for _, g := range dedupe(allowed) {
			if slices.Contains(system, g) {
				names = append(names, g)
			} else {
				res.AddFailed(g, sdk.NewError(1710))
			}
		}
	} else {
		for _, g := range system {
			if scope.Permits(g) {
				names = append(names, g)
			}
		}
	}
	items, ferr := m.groupItems(ctx, names, alg)
	if ferr != nil {
		return nil, ferr
	}
	page, total, werr := query.ApplyArray(items, p, query.ArrayOptions{Required: []string{"name"}, DefaultSort: []string{"name"}})
	if werr != nil {
		return nil, werr
	}
	res.AddAffected(ordered(page, groupOrder)...)
	res.SetTotal(total)
	return sdk.OK(req, res)
}

// createGroup is POST /groups: body {"group_id": name}.
func (m *Module) createGroup(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	schema := strSchema{repr: "{'type': 'string', 'format': 'group_names', 'maxLength': 128}",
		checks: []string{"format", "maxLength"}, format: "group_names", maxLength: 128}
	obj, err := parseBody(req.Body, []bodyField{{name: "group_id", schema: schema}}, "group_id")
	if err != nil {
		return nil, err
	}
	g := bodyString(obj, "group_id")
	if len(g) > 255 || !reGroupName.MatchString(g) {
		return nil, sdk.NewError(1722)
	}
	// create_group: `group_id.lower() == "default" or path.exists(...)`,
	// so "Default" or "DEFAULT" is 1711 too.
	if strings.EqualFold(g, "default") {
		return nil, sdk.NewError(1711, g)
	}
	m.groupMu.Lock()
	defer m.groupMu.Unlock()
	path := sharedDir + "/" + g
	if fi, serr := m.host.Files().Stat(ctx, path); serr == nil {
		if !fi.IsDir {
			return nil, sdk.NewError(1713)
		}
		return nil, sdk.NewError(1711, g)
	}
	template, rerr := m.host.Files().Read(ctx, sharedDir+"/agent-template.conf")
	if rerr != nil {
		template = []byte(defaultAgentConf)
	}
	if err := m.host.Files().MkDir(ctx, path, 0o770); err != nil {
		return nil, err
	}
	if err := m.host.Files().Write(ctx, path+"/agent.conf", template, 0o660); err != nil {
		return nil, err
	}
	if _, err := m.wdb.exec(ctx, "global insert-agent-group "+g); err != nil {
		m.log.Warn("group created without its global.db row", "group", g, "error", err)
	}
	return sdk.OK(req, sdk.WazuhResult{Message: "Group '" + g + "' created."})
}

// deleteGroups is DELETE /groups?groups_list=... (names or all).
func (m *Module) deleteGroups(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	list, err := requiredList(cleanQuery(req.Query), "groups_list", schemaGroupIDAll)
	if err != nil {
		return nil, err
	}
	res := sdk.NewAffectedItems("All selected groups were deleted", "Some groups were not deleted", "No group was deleted")
	scope := scopeFor(req, "group:delete", "group:id")
	// The groups are listed under the lock: a list taken before it could
	// name a group a concurrent request has just deleted, whose removal
	// would then fail halfway through the batch.
	m.groupMu.Lock()
	defer m.groupMu.Unlock()
	system, ferr := m.groupNames(ctx)
	if ferr != nil {
		return nil, ferr
	}
	all := slices.Contains(list, "all")
	var targets []string
	if all {
		for _, g := range system {
			if scope.Permits(g) && g != "default" {
				targets = append(targets, g)
			}
		}
	} else {
		allowed, werr := explicitIDs(res, scope, list)
		if werr != nil {
			return nil, werr
		}
		targets = dedupe(allowed)
	}
	var done []string
	for _, g := range targets {
		switch {
		case g == "default":
			res.AddFailed(g, sdk.NewError(1712))
		case !slices.Contains(system, g):
			res.AddFailed(g, sdk.NewError(1710))
		default:
			if err := m.host.Files().Remove(ctx, sharedDir+"/"+g); err != nil {
				return nil, err
			}
			if _, err := m.wdb.exec(ctx, "global delete-group "+g); err != nil {
				return nil, err
			}
			done = append(done, g)
		}
	}
	sort.Strings(done)
	for _, g := range done {
		res.AddAffected(g)
	}
	return sdk.OK(req, res)
}

// groupAgents is GET /groups/{group_id}/agents: get_agents with
// q = "group=<g>;(<q>)" and the status filter.
func (m *Module) groupAgents(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	g, err := m.groupParam(ctx, req, "group:read")
	if err != nil {
		return nil, err
	}
	q := cleanQuery(req.Query)
	p, werr := query.Parse(q, query.Spec{Order: orderAgents})
	if werr != nil {
		return nil, werr
	}
	opts, werr := filterOptions(q, true)
	if werr != nil {
		return nil, werr
	}
	if p.Q != "" {
		p.Q = "group=" + g + ";(" + p.Q + ")"
	} else {
		p.Q = "group=" + g
	}
	opts = append(opts, query.Where(idCond(scopeFor(req, "agent:read", "agent:id"))))
	l := agentList{explicit: len(p.Select) > 0, msgs: agentListMsgs}
	if l.q, werr = agentCatalogue.Compile(p, opts...); werr != nil {
		return nil, werr
	}
	return m.streamAgents(ctx, req, l)
}
