package wazuhdb

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// insertAgent answers "insert-agent {id,name,ip,register_ip,internal_key,
// group,date_add}" (id, name and date_add required). The agent's database
// is created right away so per-agent queries find it.
func (s *Server) insertAgent(ctx context.Context, d *database, args string) []byte {
	m, bad := parseJSONArgs(args)
	if bad != nil {
		return bad
	}
	id, okID := m.int("id")
	name, okName := m.str("name")
	dateAdd, okDate := m.int("date_add")
	if !okID || !okName || !okDate {
		return missingFields()
	}
	err := d.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO agent (id, name, ip, register_ip, internal_key, date_add, `group`) VALUES (?,?,?,?,?,?,?)",
			id, name, m.strOrNil("ip"), m.strOrNil("register_ip"), m.strOrNil("internal_key"), dateAdd, m.strOrNil("group"))
		return err
	})
	if err != nil {
		return errReply("Cannot execute SQL query")
	}
	if _, err := s.store.acquireAgent(ctx, id); err == nil {
		s.store.releaseAgent(id)
	}
	return okReply(nil)
}

// updateAgentName answers "update-agent-name {id,name}".
func (s *Server) updateAgentName(ctx context.Context, d *database, args string) []byte {
	m, bad := parseJSONArgs(args)
	if bad != nil {
		return bad
	}
	id, okID := m.int("id")
	name, okName := m.str("name")
	if !okID || !okName {
		return missingFields()
	}
	return execReply(ctx, d, "Cannot execute SQL query", "UPDATE agent SET name = ? WHERE id = ?", name, id)
}

// updateAgentData answers "update-agent-data {...}", the keepalive data
// remoted stores (OS fields, version, sums, node, labels...).
func (s *Server) updateAgentData(ctx context.Context, d *database, args string) []byte {
	m, bad := parseJSONArgs(args)
	if bad != nil {
		return bad
	}
	id, ok := m.int("id")
	if !ok {
		return missingFields()
	}
	def := func(key, fallback string) string {
		if v, ok := m.str(key); ok {
			return v
		}
		return fallback
	}
	err := d.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE agent SET config_sum = ?, ip = ?, manager_host = ?, merged_sum = ?, node_name = ?, "+
			"os_arch = ?, os_build = ?, os_codename = ?, os_major = ?, os_minor = ?, os_name = ?, os_platform = ?, os_uname = ?, "+
			"os_version = ?, version = ?, sync_status = ?, connection_status = ?, group_config_status = ? WHERE id = ?",
			m.strOrNil("config_sum"), m.strOrNil("agent_ip"), m.strOrNil("manager_host"), m.strOrNil("merged_sum"),
			m.strOrNil("node_name"), m.strOrNil("os_arch"), m.strOrNil("os_build"), m.strOrNil("os_codename"),
			m.strOrNil("os_major"), m.strOrNil("os_minor"), m.strOrNil("os_name"), m.strOrNil("os_platform"),
			m.strOrNil("os_uname"), m.strOrNil("os_version"), m.strOrNil("version"), def("sync_status", "synced"),
			def("connection_status", "active"), def("group_config_status", "not synced"), id)
		if err != nil {
			return err
		}
		if labels, ok := m.str("labels"); ok {
			return replaceLabels(ctx, tx, id, labels)
		}
		return nil
	})
	if err != nil {
		return errReply("Cannot execute SQL query")
	}
	return okReply(nil)
}

// updateKeepalive answers "update-keepalive {id,connection_status,
// sync_status,status_code}".
func (s *Server) updateKeepalive(ctx context.Context, d *database, args string) []byte {
	id, cs, sync, code, bad := connectionArgs(args)
	if bad != nil {
		return bad
	}
	return execReply(ctx, d, "Cannot execute SQL query",
		"UPDATE agent SET last_keepalive = STRFTIME('%s', 'NOW'), connection_status = ?, sync_status = ?, disconnection_time = 0, status_code = ? WHERE id = ?",
		cs, sync, code, id)
}

// updateConnectionStatus answers "update-connection-status {id,
// connection_status,sync_status,status_code}"; a disconnection stamps
// disconnection_time.
func (s *Server) updateConnectionStatus(ctx context.Context, d *database, args string) []byte {
	id, cs, sync, code, bad := connectionArgs(args)
	if bad != nil {
		return bad
	}
	var disc int64
	if cs == "disconnected" {
		disc = time.Now().Unix()
	}
	return execReply(ctx, d, "Cannot execute SQL query",
		"UPDATE agent SET connection_status = ?, sync_status = ?, disconnection_time = ?, status_code = ? WHERE id = ?",
		cs, sync, disc, code, id)
}

// connectionArgs parses the {id, connection_status, sync_status,
// status_code} arguments shared by update-keepalive and
// update-connection-status; bad is the error reply when they are invalid.
func connectionArgs(args string) (id int64, cs, sync string, code int64, bad []byte) {
	m, bad := parseJSONArgs(args)
	if bad != nil {
		return 0, "", "", 0, bad
	}
	id, okID := m.int("id")
	cs, okCS := m.str("connection_status")
	sync, okSync := m.str("sync_status")
	code, _ = m.int("status_code")
	if !okID || !okCS || !okSync {
		return 0, "", "", 0, missingFields()
	}
	return id, cs, sync, code, nil
}

// updateStatusCode answers "update-status-code {id,status_code,version,
// sync_status}".
func (s *Server) updateStatusCode(ctx context.Context, d *database, args string) []byte {
	m, bad := parseJSONArgs(args)
	if bad != nil {
		return bad
	}
	id, okID := m.int("id")
	code, okCode := m.int("status_code")
	sync, okSync := m.str("sync_status")
	if !okID || !okCode || !okSync {
		return missingFields()
	}
	return execReply(ctx, d, "Cannot execute SQL query",
		"UPDATE agent SET status_code = ?, version = ?, sync_status = ? WHERE id = ?", code, m.strOrNil("version"), sync, id)
}

// deleteAgent answers "delete-agent <id>"; labels and memberships go with
// it (ON DELETE CASCADE).
func (s *Server) deleteAgent(ctx context.Context, d *database, args string) []byte {
	return execReply(ctx, d, "Error deleting agent from agent table in global.db.", "DELETE FROM agent WHERE id = ?", atoi(args))
}

// setLabels answers "set-labels <id> <key:value lines>".
func (s *Server) setLabels(ctx context.Context, d *database, args string) []byte {
	idText, labels, _ := strings.Cut(args, " ")
	id := atoi(idText)
	err := d.write(ctx, func(tx *sql.Tx) error { return replaceLabels(ctx, tx, id, labels) })
	if err != nil {
		return errReply("Cannot execute SQL query")
	}
	return okReply(nil)
}

// replaceLabels replaces the agent's labels with "key:value" lines.
func replaceLabels(ctx context.Context, tx *sql.Tx, id int64, labels string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM labels WHERE id = ?", id); err != nil {
		return err
	}
	for _, line := range strings.Split(labels, "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok || key == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO labels (id, key, value) VALUES (?,?,?)", id, key, value); err != nil {
			return err
		}
	}
	return nil
}

// findAgent answers "find-agent {name,ip}" with [{"id":N}] or [].
func (s *Server) findAgent(ctx context.Context, d *database, args string) []byte {
	m, bad := parseJSONArgs(args)
	if bad != nil {
		return bad
	}
	name, okName := m.str("name")
	ip, okIP := m.str("ip")
	if !okName || !okIP {
		return missingFields()
	}
	out, _, err := appendQueryJSON(ctx, d.db, []byte("ok "), maxReply,
		"SELECT id FROM agent WHERE name = ? AND (register_ip = ? OR register_ip LIKE ? || '/_%')", name, ip, ip)
	if err != nil {
		return errReply("Cannot execute SQL query")
	}
	return out
}

// execReply runs one write statement and answers "ok" or failMsg.
func execReply(ctx context.Context, d *database, failMsg, query string, args ...any) []byte {
	err := d.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	})
	if err != nil {
		return errReply(failMsg)
	}
	return okReply(nil)
}
