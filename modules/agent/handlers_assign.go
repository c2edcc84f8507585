package main

import (
	"context"
	"slices"

	"github.com/wazuh-go/server/sdk"
)

// assignMsgs are assign_agents_to_group's messages.
func assignMsgs(group string, replace bool) *sdk.AffectedItemsResult {
	suffix := ""
	if replace {
		suffix = " and removed from the other groups"
	}
	return sdk.NewAffectedItems("All selected agents were assigned to "+group+suffix,
		"Some agents were not assigned to "+group+suffix, "No agents were assigned to "+group)
}

// assign adds group to the agents (assign_agents_to_group). In "all" mode
// (ids nil) the 1701/1703/1751/1752 failures are dropped, as Wazuh's
// exclude_codes do.
func (m *Module) assign(ctx context.Context, req *sdk.Request, group string, ids []string, replace bool) (*sdk.Response, error) {
	res := assignMsgs(group, replace)
	if err := m.requireGroup(ctx, group); err != nil {
		return nil, err
	}
	all := ids == nil || isAll(ids)
	targets, err := m.targetAgents(ctx, res, scopeFor(req, "agent:modify_group", "agent:id"), ids, all)
	if err != nil {
		return nil, err
	}
	m.groupMu.Lock()
	defer m.groupMu.Unlock()
	// The group may have been deleted since the check above, and
	// set-agent-groups would recreate its global.db row (wazuh-db inserts
	// missing groups) with no etc/shared directory: check again.
	if err := m.requireGroup(ctx, group); err != nil {
		return nil, err
	}
	current, err := m.agentGroups(ctx, targets)
	if err != nil {
		return nil, err
	}
	// replace_list: the groups the caller may modify assignments of; a
	// forced single group must be able to leave every current group.
	groupScope := scopeFor(req, "group:modify_assignments", "group:id")
	var changes []groupChange
	var done []string
	for _, id := range targets {
		groups := current[toInt(id)]
		switch {
		case slices.Contains(groups, group):
			if !all {
				res.AddFailed(id, sdk.NewError(1751))
			}
		case len(groups) >= maxGroupsPerAgent:
			// Agent.add_group_to_agent checks the limit before replacing.
			res.AddFailed(id, sdk.NewError(1737))
		case replace && !permitsAll(groupScope, groups):
			if !all {
				res.AddFailed(id, sdk.NewError(1752))
			}
		default:
			changes = append(changes, groupChange{ID: toInt(id), Groups: []string{group}})
			done = append(done, id)
		}
	}
	mode := "append"
	if replace {
		mode = "override"
	}
	if err := m.setGroups(ctx, mode, changes); err != nil {
		return nil, err
	}
	sortIDs(done)
	for _, id := range done {
		res.AddAffected(id)
	}
	return sdk.OK(req, res)
}

// permitsAll reports whether the scope permits every id.
func permitsAll(s sdk.ResourceScope, ids []string) bool {
	for _, id := range ids {
		if !s.Permits(id) {
			return false
		}
	}
	return true
}

// assignAgentToGroup is PUT /agents/{agent_id}/group/{group_id}.
func (m *Module) assignAgentToGroup(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	id, err := pathParam(req, "agent_id", schemaAgentID)
	if err != nil {
		return nil, err
	}
	group, err := pathParam(req, "group_id", schemaGroupID)
	if err != nil {
		return nil, err
	}
	force, _, err := optBool(req.Query, "force_single_group", false)
	if err != nil {
		return nil, err
	}
	return m.assign(ctx, req, group, []string{id}, force)
}

// assignAgentsToGroup is PUT /agents/group (no agents_list = every agent).
func (m *Module) assignAgentsToGroup(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	q := cleanQuery(req.Query)
	ids, _, err := listParam(q, "agents_list", schemaAgentID)
	if err != nil {
		return nil, err
	}
	group, err := requiredStr(q, "group_id", schemaGroupID)
	if err != nil {
		return nil, err
	}
	force, _, err := optBool(q, "force_single_group", false)
	if err != nil {
		return nil, err
	}
	return m.assign(ctx, req, group, ids, force)
}

// removeAgentsFromGroup is DELETE /agents/group (ids or all).
func (m *Module) removeAgentsFromGroup(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	q := cleanQuery(req.Query)
	ids, err := requiredList(q, "agents_list", schemaAgentIDAll)
	if err != nil {
		return nil, err
	}
	group, err := requiredStr(q, "group_id", schemaGroupID)
	if err != nil {
		return nil, err
	}
	res := sdk.NewAffectedItems("All selected agents were removed from group "+group,
		"Some agents were not removed from group "+group, "No agent was removed from group "+group)
	if err := m.requireGroup(ctx, group); err != nil {
		return nil, err
	}
	all := isAll(ids)
	targets, ferr := m.targetAgents(ctx, res, scopeFor(req, "agent:modify_group", "agent:id"), ids, all)
	if ferr != nil {
		return nil, ferr
	}
	m.groupMu.Lock()
	defer m.groupMu.Unlock()
	current, ferr := m.agentGroups(ctx, targets)
	if ferr != nil {
		return nil, ferr
	}
	var changes []groupChange
	var done []string
	for _, id := range targets {
		groups := current[toInt(id)]
		switch {
		case !slices.Contains(groups, group):
			if !all {
				res.AddFailed(id, sdk.NewError(1734))
			}
		case group == "default" && len(groups) == 1:
			res.AddFailed(id, sdk.NewError(1745))
		default:
			changes = append(changes, groupChange{ID: toInt(id), Groups: []string{group}})
			done = append(done, id)
		}
	}
	if err := m.setGroups(ctx, "remove", changes); err != nil {
		return nil, err
	}
	sortIDs(done)
	for _, id := range done {
		res.AddAffected(id)
	}
	return sdk.OK(req, res)
}
