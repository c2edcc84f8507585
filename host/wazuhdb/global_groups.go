package wazuhdb

import (
	"context"
	"database/sql"
	"strings"
)

// findGroup answers "find-group <name>" with [{"id":N}] or [].
func (s *Server) findGroup(ctx context.Context, d *database, args string) []byte {
	out, _, err := appendQueryJSON(ctx, d.db, []byte("ok "), maxReply, "SELECT id FROM `group` WHERE name = ?", args)
	if err != nil {
		return errReply("Cannot execute SQL query")
	}
	return out
}

// insertAgentGroup answers "insert-agent-group <name>".
func (s *Server) insertAgentGroup(ctx context.Context, d *database, args string) []byte {
	return execReply(ctx, d, "Cannot execute SQL query", "INSERT INTO `group` (name) VALUES (?)", args)
}

// selectGroups answers "select-groups" with [{"name":...}].
func (s *Server) selectGroups(ctx context.Context, d *database, _ string) []byte {
	out, _, err := appendQueryJSON(ctx, d.db, []byte("ok "), maxReply, "SELECT name FROM `group`")
	if err != nil {
		return errReply("Cannot execute SQL query")
	}
	return out
}

// selectGroupBelong answers "select-group-belong <id>" with the agent's
// group names in priority order (["default","g1"]).
func (s *Server) selectGroupBelong(ctx context.Context, d *database, args string) []byte {
	_, payload, _, err := sizedQuery(ctx, d.db, true,
		"SELECT name FROM belongs JOIN `group` ON id = id_group WHERE id_agent = ? ORDER BY priority", atoi(args))
	if err != nil {
		return errReply("Cannot execute SQL query")
	}
	return okReply(payload)
}

// deleteGroup answers "delete-group <name>". Agents left without any group
// go back to "default"; every affected agent gets its group CSV and hash
// recomputed and group_sync_status 'syncreq'.
func (s *Server) deleteGroup(ctx context.Context, d *database, args string) []byte {
	name := strings.TrimSpace(args)
	err := d.write(ctx, func(tx *sql.Tx) error {
		ids, err := queryIDs(ctx, tx,
			"SELECT id_agent FROM belongs WHERE id_group = (SELECT id FROM `group` WHERE name = ?) ORDER BY id_agent", name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM `group` WHERE name = ?", name); err != nil {
			return err
		}
		for _, id := range ids {
			if err := setDefaultIfEmpty(ctx, tx, id); err != nil {
				return err
			}
			if err := refreshAgentGroups(ctx, tx, id, "syncreq"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return errReply("Error deleting group")
	}
	return okReply(nil)
}

// queryIDs returns the integers of a one-column query.
func queryIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// setDefaultIfEmpty assigns "default" (priority 0) to an agent without
// groups, creating the group when needed.
func setDefaultIfEmpty(ctx context.Context, q querier, agentID int64) error {
	var n int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM belongs WHERE id_agent = ?", agentID).Scan(&n); err != nil || n > 0 {
		return err
	}
	gid, err := findOrCreateGroup(ctx, q, "default")
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, "INSERT INTO belongs (id_agent, id_group, priority) VALUES (?,?,0)", agentID, gid)
	return err
}
