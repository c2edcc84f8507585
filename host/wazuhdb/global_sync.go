package wazuhdb

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"
)

// syncAgentGroupsGet answers "sync-agent-groups-get {"condition":
// "sync_status"|"all", "last_id":n, "set_synced":bool,
// "get_global_hash":bool, "agent_registration_delta":secs}" with
// [{"data":[{"id":1,"groups":["default"]},...],"hash":"<sha1>"}]. "due"
// means more agents remain (ask again with last_id, or just again when
// set_synced consumed them); the hash comes with the last chunk. Any other
// condition returns only the hash.
func (s *Server) syncAgentGroupsGet(ctx context.Context, d *database, args string) []byte {
	m, bad := parseJSONArgs(args)
	if bad != nil {
		return bad
	}
	cond, ok := m.str("condition")
	if !ok {
		return missingFields()
	}
	lastID, _ := m.int("last_id")
	delta, _ := m.int("agent_registration_delta")
	setSynced, getHash := m.bool("set_synced"), m.bool("get_global_hash")
	var out []byte
	status := statusOK
	err := d.write(ctx, func(tx *sql.Tx) error {
		data := []byte(`[{"data":[`)
		size := len(`[{"data":[]}]`)
		if getHash {
			size += len(`,"hash":""`) + 40
		}
		if cond == "sync_status" || cond == "all" {
			where := "a.id > ? AND a.date_add < ?"
			if cond == "sync_status" {
				where += " AND a.group_sync_status = 'syncreq'"
			}
			args := []any{lastID, time.Now().Unix() - delta}
			var last int64
			var err error
			if data, status, last, err = appendAgentGroups(ctx, tx, data, size, where, args); err != nil {
				return err
			}
			if setSynced && last > lastID {
				upd := "UPDATE agent AS a SET group_sync_status = 'synced' WHERE " + where + " AND a.id <= ?"
				if _, err := tx.ExecContext(ctx, upd, append(args, last)...); err != nil {
					return err
				}
			}
		}
		data = append(data, ']')
		if status == statusOK && getHash {
			h, err := globalGroupHash(ctx, tx)
			if err != nil {
				return err
			}
			data = append(append(append(data, `,"hash":"`...), h...), '"')
		}
		out = append(data, "}]"...)
		return nil
	})
	if err != nil {
		return errReply("Cannot execute SQL query")
	}
	return reply(status, out)
}

// appendAgentGroups appends {"id":N,"groups":[...]} items for the agents
// matching where (on agent a) while they fit, and returns the last id
// included.
func appendAgentGroups(ctx context.Context, tx *sql.Tx, data []byte, size int, where string, args []any) ([]byte, string, int64, error) {
	rows, err := tx.QueryContext(ctx, "SELECT a.id, g.name FROM agent a LEFT JOIN belongs b ON b.id_agent = a.id "+
		"LEFT JOIN `group` g ON g.id = b.id_group WHERE "+where+" ORDER BY a.id, b.priority", args...)
	if err != nil {
		return nil, "", 0, err
	}
	defer rows.Close()
	var el []byte
	var names []string
	cur, last, n := int64(-1), int64(0), 0
	// flush adds the item of agent cur; false when it does not fit.
	flush := func() bool {
		if cur < 0 {
			return true
		}
		el = agentGroupsItem(el[:0], cur, names)
		if size+len(el)+1 >= maxSized {
			return false
		}
		if n > 0 {
			data = append(data, ',')
		}
		data, size, last = append(data, el...), size+len(el)+1, cur
		n++
		return true
	}
	for rows.Next() {
		var id int64
		var name sql.NullString
		if err := rows.Scan(&id, &name); err != nil {
			return nil, "", 0, err
		}
		if id != cur {
			if !flush() {
				return data, statusDue, last, nil
			}
			cur, names = id, names[:0]
		}
		if name.Valid {
			names = append(names, name.String)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, "", 0, err
	}
	if !flush() {
		return data, statusDue, last, nil
	}
	return data, statusOK, last, nil
}

// agentGroupsItem appends {"id":N,"groups":[...]}; the groups key is
// omitted for an agent without groups.
func agentGroupsItem(dst []byte, id int64, names []string) []byte {
	dst = strconv.AppendInt(append(dst, `{"id":`...), id, 10)
	if len(names) > 0 {
		dst = append(dst, `,"groups":[`...)
		for i, g := range names {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, g)
		}
		dst = append(dst, ']')
	}
	return append(dst, '}')
}

// agentInfoColumns are the columns sync-agent-info-get reports.
const agentInfoColumns = "id, name, ip, os_name, os_version, os_major, os_minor, os_codename, os_build, os_platform, " +
	"os_uname, os_arch, version, config_sum, merged_sum, manager_host, node_name, last_keepalive, connection_status, " +
	"disconnection_time, group_config_status, status_code"

// syncAgentInfoGet answers "sync-agent-info-get [last_id <n>]": agents with
// sync_status 'syncreq' (with their labels), which become 'synced'. "due"
// means more remain; asking again continues.
func (s *Server) syncAgentInfoGet(ctx context.Context, d *database, args string) []byte {
	var lastID int64
	if f := strings.Fields(args); len(f) >= 2 && f[0] == "last_id" {
		lastID = atoi(f[1])
	}
	var out []byte
	status := statusOK
	err := d.write(ctx, func(tx *sql.Tx) error {
		ids, err := queryIDs(ctx, tx, "SELECT id FROM agent WHERE id > ? AND sync_status = 'syncreq' ORDER BY id", lastID)
		if err != nil {
			return err
		}
		out = []byte{'['}
		size := 2
		for _, id := range ids {
			el, _, err := appendQueryJSON(ctx, tx, nil, 0, "SELECT "+agentInfoColumns+" FROM agent WHERE id = ?", id)
			if err != nil {
				return err
			}
			el = el[1 : len(el)-1] // the single row object
			labels, _, err := appendQueryJSON(ctx, tx, nil, 0, "SELECT * FROM labels WHERE id = ?", id)
			if err != nil {
				return err
			}
			if len(labels) > 2 {
				el = append(append(append(el[:len(el)-1:len(el)-1], `,"labels":`...), labels...), '}')
			}
			if size+len(el)+1 >= maxSized {
				status = statusDue
				break
			}
			if size > 2 {
				out = append(out, ',')
			}
			out = append(out, el...)
			size += len(el) + 1
			if _, err := tx.ExecContext(ctx, "UPDATE agent SET sync_status = 'synced' WHERE id = ?", id); err != nil {
				return err
			}
		}
		out = append(out, ']')
		return nil
	})
	if err != nil {
		return errReply("Cannot execute SQL query")
	}
	return reply(status, out)
}

// recalculateGroupHashes answers "recalculate-agent-group-hashes": every
// agent's `group` CSV and group_hash are rebuilt from belongs.
func (s *Server) recalculateGroupHashes(ctx context.Context, d *database, _ string) []byte {
	err := d.write(ctx, func(tx *sql.Tx) error {
		ids, err := queryIDs(ctx, tx, "SELECT id FROM agent WHERE id > 0")
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := refreshAgentGroups(ctx, tx, id, ""); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return errReply("Error recalculating group hash of agents in global.db.")
	}
	return okReply(nil)
}

// getGroupsIntegrity answers "get-groups-integrity <sha1>": ["syncreq"]
// while some agent awaits group sync, else ["synced"] when the global group
// hash equals the given one and ["hash_mismatch"] otherwise.
func (s *Server) getGroupsIntegrity(ctx context.Context, d *database, args string) []byte {
	hash := strings.TrimSpace(args)
	if len(hash) != 40 {
		return errReply("Hash hex-digest does not have the expected length. Expected (40) got (" + strconv.Itoa(len(hash)) + ")")
	}
	var one int
	err := d.db.QueryRowContext(ctx, "SELECT 1 FROM agent WHERE group_sync_status = 'syncreq' LIMIT 1").Scan(&one)
	switch {
	case err == nil:
		return okReply([]byte(`["syncreq"]`))
	case err != sql.ErrNoRows:
		return errReply("Cannot execute SQL query")
	}
	h, err := globalGroupHash(ctx, d.db)
	if err != nil {
		return errReply("Cannot execute SQL query")
	}
	if h == hash {
		return okReply([]byte(`["synced"]`))
	}
	return okReply([]byte(`["hash_mismatch"]`))
}
