package wazuhdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
)

// maxGroupsPerAgent is Wazuh's MAX_GROUPS_PER_MULTIGROUP.
const maxGroupsPerAgent = 128

// maxGroupName is the longest group name wazuh-db accepts.
const maxGroupName = 255

var errGroupSet = errors.New("group assignment failed")

// setAgentGroups answers "set-agent-groups {"mode":..., "sync_status":...,
// "data":[{"id":N,"groups":[...]}]}". Modes: "override" replaces the
// agent's groups, "append" adds after the existing ones, "empty_only" only
// assigns agents without groups, "remove" unassigns (an agent left without
// groups gets "default"). Unknown groups are created. Each agent's `group`
// CSV, group_hash and group_sync_status (= sync_status, default "synced")
// are updated. Like wazuh-db it keeps going after a failing agent and then
// answers with an error.
func (s *Server) setAgentGroups(ctx context.Context, d *database, args string) []byte {
	m, bad := parseJSONArgs(args)
	if bad != nil {
		return bad
	}
	mode, okMode := m.str("mode")
	data, okData := m.array("data")
	if !okMode || !okData {
		return missingFields()
	}
	switch mode {
	case "override", "append", "empty_only", "remove":
	default:
		return errReply("Invalid mode '" + mode + "' in set_agent_groups command")
	}
	sync := "synced"
	if v, ok := m.str("sync_status"); ok {
		sync = v
	}
	failed := false
	err := d.write(ctx, func(tx *sql.Tx) error {
		for _, raw := range data {
			err := setOneAgentGroups(ctx, tx, mode, sync, raw)
			if errors.Is(err, errGroupSet) {
				failed = true
				continue
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || failed {
		return errReply("An error occurred during the set of the groups")
	}
	return okReply(nil)
}

// setOneAgentGroups applies one {"id","groups"} item. Problems specific to
// the item are reported as errGroupSet (after applying what could be).
func setOneAgentGroups(ctx context.Context, tx *sql.Tx, mode, sync string, raw json.RawMessage) error {
	var item jsonArgs
	if err := json.Unmarshal(raw, &item); err != nil || item == nil {
		return errGroupSet
	}
	id, okID := item.int("id")
	rawGroups, okGroups := item.array("groups")
	if !okID || !okGroups {
		return errGroupSet
	}
	groups, valid := groupNames(rawGroups)
	current, err := agentGroupNames(ctx, tx, id)
	if err != nil {
		return err
	}
	if mode == "empty_only" && len(current) > 0 {
		return nil
	}
	if !valid || (mode == "append" && len(current)+len(groups) > maxGroupsPerAgent) || len(groups) > maxGroupsPerAgent {
		return errGroupSet
	}
	failed := false
	switch mode {
	case "remove":
		for _, g := range groups {
			if _, err := tx.ExecContext(ctx, "DELETE FROM belongs WHERE id_agent = ? AND id_group = (SELECT id FROM `group` WHERE name = ?)", id, g); err != nil {
				return err
			}
		}
		if err := setDefaultIfEmpty(ctx, tx, id); err != nil {
			failed = true
		}
	default:
		if mode == "override" {
			if _, err := tx.ExecContext(ctx, "DELETE FROM belongs WHERE id_agent = ?", id); err != nil {
				return err
			}
		}
		failed = assignGroups(ctx, tx, id, groups) != nil
	}
	if err := refreshAgentGroups(ctx, tx, id, sync); err != nil || failed {
		return errGroupSet
	}
	return nil
}

// assignGroups appends groups to the agent after its highest priority.
// It keeps going after a failure (unknown agent, already assigned).
func assignGroups(ctx context.Context, tx *sql.Tx, id int64, groups []string) error {
	var maxPrio sql.NullInt64
	if err := tx.QueryRowContext(ctx, "SELECT max(priority) FROM belongs WHERE id_agent = ?", id).Scan(&maxPrio); err != nil {
		return err
	}
	prio := int64(0)
	if maxPrio.Valid {
		prio = maxPrio.Int64 + 1
	}
	var failed error
	for _, g := range groups {
		gid, err := findOrCreateGroup(ctx, tx, g)
		if err == nil {
			_, err = tx.ExecContext(ctx, "INSERT INTO belongs (id_agent, id_group, priority) VALUES (?,?,?)", id, gid, prio)
		}
		if err != nil {
			failed = errGroupSet
			continue
		}
		prio++
	}
	return failed
}

// groupNames decodes the group list; valid is false when an entry is not a
// string or not an acceptable name (empty, too long, containing ',', "."
// or "..").
func groupNames(raw []json.RawMessage) (names []string, valid bool) {
	valid = true
	for _, r := range raw {
		var g string
		if err := json.Unmarshal(r, &g); err != nil || g == "" || g == "." || g == ".." ||
			len(g) > maxGroupName || strings.Contains(g, ",") {
			valid = false
			continue
		}
		names = append(names, g)
	}
	return names, valid
}
