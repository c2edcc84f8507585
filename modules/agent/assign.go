package main

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/wazuh-go/server/sdk/query"
)

// maxGroupsPerAgent is MAX_GROUPS_PER_MULTIGROUP.
const maxGroupsPerAgent = 128

// agentGroups returns the groups of each agent (global.db's CSV mirror,
// priority order) for the given ids.
func (m *Module) agentGroups(ctx context.Context, ids []string) (map[int][]string, error) {
	out := map[int][]string{}
	if len(ids) == 0 {
		return out, nil
	}
	c := query.In("id", false, agentIDs(ids)...)
	rows, err := m.wdb.rows(ctx, "global", "SELECT id, `group` AS grp FROM agent WHERE "+c.SQL, c.Args...)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		var groups []string
		if g := str(r["grp"]); g != "" {
			groups = strings.Split(g, ",")
		}
		out[toInt(r["id"])] = groups
	}
	return out, nil
}

// groupChange is one agent's entry of set-agent-groups.
type groupChange struct {
	ID     int      `json:"id"`
	Groups []string `json:"groups"`
}

// setGroups sends "global set-agent-groups" with mode append, override or
// remove, in chunks that stay well below wazuh-db's 64 KiB frame.
func (m *Module) setGroups(ctx context.Context, mode string, changes []groupChange) error {
	const chunk = 500
	for len(changes) > 0 {
		n := min(chunk, len(changes))
		body, err := json.Marshal(struct {
			Mode       string        `json:"mode"`
			SyncStatus string        `json:"sync_status"`
			Data       []groupChange `json:"data"`
		}{mode, "syncreq", changes[:n]})
		if err != nil {
			return err
		}
		if _, err := m.wdb.exec(ctx, "global set-agent-groups "+string(body)); err != nil {
			return err
		}
		changes = changes[n:]
	}
	return nil
}
