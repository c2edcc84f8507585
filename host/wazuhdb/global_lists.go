package wazuhdb

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// invalidArg is wazuh-db's reply for a missing positional argument.
func invalidArg(name string) []byte {
	return errReply("Invalid arguments '" + name + "' not found")
}

// sizedReply runs a sized query on d and answers "ok|due <array>".
func sizedReply(ctx context.Context, q querier, failMsg string, single bool, query string, args ...any) []byte {
	status, payload, _, err := sizedQuery(ctx, q, single, query, args...)
	if err != nil {
		return errReply(failMsg)
	}
	return reply(status, payload)
}

// getAllAgents answers "get-all-agents last_id <n>" with the ids above n
// ("last_id -1" includes the manager).
func (s *Server) getAllAgents(ctx context.Context, d *database, args string) []byte {
	f := strings.Fields(args)
	if len(f) < 2 || f[0] != "last_id" {
		return invalidArg("last_id")
	}
	return sizedReply(ctx, d.db, "Cannot execute SQL query", true, "SELECT id FROM agent WHERE id > ? ORDER BY id", atoi(f[1]))
}

// getAgentsByConnectionStatus answers "get-agents-by-connection-status
// <last_id> <status> [<node> <limit>]".
func (s *Server) getAgentsByConnectionStatus(ctx context.Context, d *database, args string) []byte {
	f := strings.Fields(args)
	switch len(f) {
	case 0:
		return invalidArg("last_id")
	case 1:
		return invalidArg("connection_status")
	case 2:
		return sizedReply(ctx, d.db, "Cannot execute SQL query", true,
			"SELECT id FROM agent WHERE id > ? AND connection_status = ? ORDER BY id", atoi(f[0]), f[1])
	case 3:
		return invalidArg("limit")
	}
	return sizedReply(ctx, d.db, "Cannot execute SQL query", true,
		"SELECT id FROM agent WHERE id > ? AND connection_status = ? AND node_name = ? ORDER BY id LIMIT ?",
		atoi(f[0]), f[1], f[2], atoi(f[3]))
}

// getGroupAgents answers "get-group-agents <group> last_id <n>".
func (s *Server) getGroupAgents(ctx context.Context, d *database, args string) []byte {
	f := strings.Fields(args)
	switch {
	case len(f) == 0:
		return errReply("Invalid arguments, group name not found")
	case len(f) < 2 || f[1] != "last_id":
		return errReply("Invalid arguments, 'last_id' not found")
	case len(f) < 3:
		return errReply("Invalid arguments, last agent id not found")
	}
	return sizedReply(ctx, d.db, "Cannot execute SQL query", true,
		"SELECT id_agent FROM belongs WHERE id_group = (SELECT id FROM `group` WHERE name = ?) AND id_agent > ? ORDER BY id_agent",
		f[0], atoi(f[2]))
}

// getDistinctGroups answers "get-distinct-groups [<group_hash>]": the
// distinct (group CSV, hash) pairs after the given hash.
func (s *Server) getDistinctGroups(ctx context.Context, d *database, args string) []byte {
	return sizedReply(ctx, d.db, "Cannot execute SQL query", false,
		"SELECT `group`, group_hash FROM agent WHERE id > 0 AND group_hash > ? GROUP BY group_hash ORDER BY group_hash",
		strings.TrimSpace(args))
}

// disconnectAgents answers "disconnect-agents <last_id> <keepalive>
// <sync_status>": active or pending agents whose keepalive is older than
// <keepalive> become disconnected; the reply lists them.
func (s *Server) disconnectAgents(ctx context.Context, d *database, args string) []byte {
	f := strings.Fields(args)
	switch len(f) {
	case 0:
		return invalidArg("last_id")
	case 1:
		return invalidArg("keepalive")
	case 2:
		return invalidArg("sync_status")
	}
	var status string
	var payload []byte
	err := d.write(ctx, func(tx *sql.Tx) error {
		var ids []int64
		var err error
		status, payload, ids, err = sizedQuery(ctx, tx, true,
			"SELECT id FROM agent WHERE id > ? AND (connection_status = 'active' OR connection_status = 'pending') AND last_keepalive < ? ORDER BY id",
			atoi(f[0]), atoi(f[1]))
		if err != nil {
			return err
		}
		now := time.Now().Unix()
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, "UPDATE agent SET connection_status = 'disconnected', sync_status = ?, disconnection_time = ?, status_code = 0 WHERE id = ?", f[2], now, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return errReply("Cannot execute SQL query")
	}
	return reply(status, payload)
}

// resetAgentsConnection answers "reset-agents-connection <sync_status>":
// every connected agent but the manager becomes disconnected (remoted does
// this when it starts). status_code 4 is "reset by manager".
func (s *Server) resetAgentsConnection(ctx context.Context, d *database, args string) []byte {
	return execReply(ctx, d, "Cannot execute SQL query",
		"UPDATE agent SET connection_status = 'disconnected', status_code = 4, sync_status = ?, disconnection_time = STRFTIME('%s', 'NOW') "+
			"WHERE connection_status != 'disconnected' AND connection_status != 'never_connected' AND id != 0",
		strings.TrimSpace(args))
}
