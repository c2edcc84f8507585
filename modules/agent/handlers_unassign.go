package main

import (
	"context"
	"slices"
	"sort"

	"github.com/wazuh-go/server/sdk"
)

// oneAgentForGroups checks the agent of the single-agent group routes:
// 000 is 1703, an unknown agent 1701 (404).
func (m *Module) oneAgentForGroups(ctx context.Context, req *sdk.Request) (string, []string, error) {
	id, err := pathParam(req, "agent_id", schemaAgentID)
	if err != nil {
		return "", nil, err
	}
	if toInt(id) == 0 {
		return "", nil, sdk.NewError(1703)
	}
	current, qerr := m.agentGroups(ctx, []string{id})
	if qerr != nil {
		return "", nil, qerr
	}
	groups, ok := current[toInt(id)]
	if !ok {
		return "", nil, sdk.NewError(1701)
	}
	return id, groups, nil
}

// removeAgentFromGroup is DELETE /agents/{agent_id}/group/{group_id}:
// "Agent '004' removed from 'dmz'." (+ " Agent reassigned to group
// default." when it was its only group).
func (m *Module) removeAgentFromGroup(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	group, err := pathParam(req, "group_id", schemaGroupID)
	if err != nil {
		return nil, err
	}
	m.groupMu.Lock()
	defer m.groupMu.Unlock()
	id, groups, ferr := m.oneAgentForGroups(ctx, req)
	if ferr != nil {
		return nil, ferr
	}
	if err := m.requireGroup(ctx, group); err != nil {
		return nil, err
	}
	switch {
	case !slices.Contains(groups, group):
		return nil, sdk.NewError(1734)
	case group == "default" && len(groups) == 1:
		return nil, sdk.NewError(1745)
	}
	if err := m.setGroups(ctx, "remove", []groupChange{{ID: toInt(id), Groups: []string{group}}}); err != nil {
		return nil, err
	}
	msg := "Agent '" + id + "' removed from '" + group + "'."
	if len(groups) == 1 {
		msg += " Agent reassigned to group default."
	}
	return sdk.OK(req, sdk.WazuhResult{Message: msg})
}

// removeAgentFromGroups is DELETE /agents/{agent_id}/group?groups_list=...
// (no list = every permitted group, failures 1710/1734/1745 dropped).
func (m *Module) removeAgentFromGroups(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	list, hasList, err := listParam(cleanQuery(req.Query), "groups_list", schemaGroupID)
	if err != nil {
		return nil, err
	}
	res := sdk.NewAffectedItems("Specified agent was removed from returned groups",
		"Specified agent was not removed from some groups", "Specified agent was not removed from any group")
	m.groupMu.Lock()
	defer m.groupMu.Unlock()
	id, groups, ferr := m.oneAgentForGroups(ctx, req)
	if ferr != nil {
		return nil, ferr
	}
	scope := scopeFor(req, "group:modify_assignments", "group:id")
	system, ferr := m.groupNames(ctx)
	if ferr != nil {
		return nil, ferr
	}
	var targets []string
	if hasList {
		allowed, werr := explicitIDs(res, scope, dedupe(list))
		if werr != nil {
			return nil, werr
		}
		targets = dedupe(allowed)
	} else {
		for _, g := range system {
			if scope.Permits(g) {
				targets = append(targets, g)
			}
		}
	}
	remove, failed := planGroupRemoval(targets, system, groups)
	if hasList {
		for _, f := range failed {
			res.AddFailed(f.group, f.err)
		}
	}
	if len(remove) > 0 {
		if err := m.setGroups(ctx, "remove", []groupChange{{ID: toInt(id), Groups: remove}}); err != nil {
			return nil, err
		}
	}
	sort.Strings(remove)
	for _, g := range remove {
		res.AddAffected(g)
	}
	return sdk.OK(req, res)
}

// groupFailure is a group remove_agent_from_groups could not remove.
type groupFailure struct {
	group string
	err   *sdk.Error
}

// planGroupRemoval replays remove_agent_from_groups: "default" is moved
// to the end of the list, then each group is removed in turn from the
// agent's current groups (1710 not a group, 1734 not one of the agent's,
// 1745 "default" when it is the agent's only group), an agent left
// without groups being reassigned to "default". So "default" can be
// removed from an agent that keeps another group.
func planGroupRemoval(targets, system, current []string) (remove []string, failed []groupFailure) {
	order := make([]string, 0, len(targets))
	hasDefault := false
	for _, g := range targets {
		if g == "default" {
			hasDefault = true
			continue
		}
		order = append(order, g)
	}
	if hasDefault {
		order = append(order, "default")
	}
	groups := slices.Clone(current)
	for _, g := range order {
		var ferr *sdk.Error
		switch {
		case !slices.Contains(system, g):
			ferr = sdk.NewError(1710)
		case !slices.Contains(groups, g):
			ferr = sdk.NewError(1734)
		case g == "default" && len(groups) == 1:
			ferr = sdk.NewError(1745)
		}
		if ferr != nil {
			failed = append(failed, groupFailure{g, ferr})
			continue
		}
		groups = slices.DeleteFunc(groups, func(x string) bool { return x == g })
		if len(groups) == 0 {
			groups = []string{"default"}
		}
		remove = append(remove, g)
	}
	return remove, failed
}
