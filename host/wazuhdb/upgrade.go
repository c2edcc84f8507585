package wazuhdb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// upgradeGlobal brings a global.db of schema version `from` (0 = no
// metadata table) to v7 in one transaction. Instead of replaying Wazuh's
// schema_global_upgrade_v1..v7 scripts it rebuilds every table in its v7
// shape and copies the columns both shapes share, which gives the same end
// state for any starting version:
//
//   - agent gains group_hash, group_sync_status, disconnection_time,
//     group_config_status and status_code with their defaults (legacy columns
//     such as status, fim_offset and reg_offset are dropped); enumerated
//     columns with values outside the v7 CHECK sets get the default;
//   - labels and belongs gain their foreign keys (rows pointing to missing
//     agents or groups are dropped); belongs gains priority, assigned from
//     the order of the agent's `group` CSV;
//   - `group` gains UNIQUE(name) (duplicates keep the lowest id);
//   - group_hash is computed from each agent's `group` CSV;
//   - metadata.db_version becomes 7.
//
// Deviation: Wazuh's v4 script empties belongs; the rebuild keeps the
// memberships the old database had.
func upgradeGlobal(ctx context.Context, db *sql.DB, from int) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("wazuhdb: upgrade: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys=OFF"); err != nil {
		return fmt.Errorf("wazuhdb: upgrade: %w", err)
	}
	defer func() { _, _ = conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys=ON") }()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("wazuhdb: upgrade: begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	steps := []func(context.Context, *sql.Tx) error{
		rebuildAgent, rebuildLabels, rebuildGroup, rebuildBelongs, finishUpgrade, recomputeGroupHashes,
	}
	for _, step := range steps {
		if err := step(ctx, tx); err != nil {
			return fmt.Errorf("wazuhdb: upgrade from v%d: %w", from, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("wazuhdb: upgrade: commit: %w", err)
	}
	return nil
}

// enumDefaults are the v7 agent columns restricted by CHECK constraints.
var enumDefaults = map[string]struct {
	allowed string
	def     string
}{
	"group_sync_status":   {"'synced','syncreq'", "'synced'"},
	"sync_status":         {"'synced','syncreq','syncreq_status','syncreq_keepalive'", "'synced'"},
	"connection_status":   {"'pending','never_connected','active','disconnected'", "'never_connected'"},
	"group_config_status": {"'synced','not synced'", "'not synced'"},
}

func rebuildAgent(ctx context.Context, tx *sql.Tx) error {
	have, err := columnSet(ctx, tx, "agent")
	if err != nil {
		return err
	}
	var cols, exprs []string
	for _, c := range globalAgentColumns {
		if !have[c] {
			continue
		}
		q := quoteIdent(c)
		expr := q
		switch {
		case enumDefaults[c].def != "":
			e := enumDefaults[c]
			expr = fmt.Sprintf("CASE WHEN %s IN (%s) THEN %s ELSE %s END", q, e.allowed, q, e.def)
		case c == "name":
			expr = "coalesce(name, '')"
		case c == "date_add":
			expr = "coalesce(date_add, 0)"
		}
		cols = append(cols, q)
		exprs = append(exprs, expr)
	}
	return execEach(ctx, tx,
		"DROP TABLE IF EXISTS _agent_v7",
		sprintfTable(globalAgentDDL, "_agent_v7"),
		fmt.Sprintf("INSERT INTO _agent_v7 (%s) SELECT %s FROM agent", strings.Join(cols, ", "), strings.Join(exprs, ", ")),
		"DROP TABLE agent",
		"ALTER TABLE _agent_v7 RENAME TO agent",
	)
}

func rebuildLabels(ctx context.Context, tx *sql.Tx) error {
	return rebuildTable(ctx, tx, "labels", globalLabelsDDL,
		"INSERT OR IGNORE INTO %s (id, key, value) SELECT id, key, value FROM labels "+
			"WHERE id IN (SELECT id FROM agent) AND key IS NOT NULL AND value IS NOT NULL")
}

func rebuildGroup(ctx context.Context, tx *sql.Tx) error {
	var seq sql.NullInt64
	_ = tx.QueryRowContext(ctx, "SELECT seq FROM sqlite_sequence WHERE name = 'group'").Scan(&seq)
	err := rebuildTable(ctx, tx, "`group`", globalGroupDDL,
		"INSERT OR IGNORE INTO %s (id, name) SELECT id, name FROM `group` ORDER BY id")
	if err != nil || !seq.Valid {
		return err
	}
	_, err = tx.ExecContext(ctx, "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'group'", seq.Int64)
	return err
}

func rebuildBelongs(ctx context.Context, tx *sql.Tx) error {
	have, err := columnSet(ctx, tx, "belongs")
	if err != nil {
		return err
	}
	order := "CASE WHEN instr(',' || coalesce(a.`group`, '') || ',', ',' || g.name || ',') = 0 THEN 1000000 " +
		"ELSE instr(',' || coalesce(a.`group`, '') || ',', ',' || g.name || ',') END, b.rowid"
	if have["priority"] {
		order = "b.priority, " + order
	}
	copySQL := "INSERT OR IGNORE INTO %s (id_agent, id_group, priority) SELECT b.id_agent, b.id_group, " +
		"row_number() OVER (PARTITION BY b.id_agent ORDER BY " + order + ") - 1 " +
		"FROM belongs b JOIN agent a ON a.id = b.id_agent JOIN `group` g ON g.id = b.id_group"
	return rebuildTable(ctx, tx, "belongs", globalBelongsDDL, copySQL)
}

func finishUpgrade(ctx context.Context, tx *sql.Tx) error {
	stmts := []string{
		"CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT)",
		"CREATE TABLE IF NOT EXISTS metadata (key TEXT PRIMARY KEY, value TEXT)",
		"INSERT OR REPLACE INTO metadata (key, value) VALUES ('db_version', '7')",
	}
	return execEach(ctx, tx, append(stmts, globalIndexes...)...)
}

// rebuildTable recreates table from ddl (a template taking the table name),
// copying rows with copySQL (a template taking the new table name) when the
// old table exists.
func rebuildTable(ctx context.Context, tx *sql.Tx, table, ddl, copySQL string) error {
	exists, err := tableExists(ctx, tx, strings.Trim(table, "`"))
	if err != nil {
		return err
	}
	if !exists {
		return execEach(ctx, tx, sprintfTable(ddl, table))
	}
	tmp := "_" + strings.Trim(table, "`") + "_v7"
	return execEach(ctx, tx,
		"DROP TABLE IF EXISTS "+tmp,
		sprintfTable(ddl, tmp),
		fmt.Sprintf(copySQL, tmp),
		"DROP TABLE "+table,
		"ALTER TABLE "+tmp+" RENAME TO "+table,
	)
}

// columnSet returns the column names of table.
func columnSet(ctx context.Context, q querier, table string) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, "SELECT name FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, fmt.Errorf("table_info %s: %w", table, err)
	}
	defer rows.Close()
	set := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		set[name] = true
	}
	return set, rows.Err()
}

func execEach(ctx context.Context, q querier, stmts ...string) error {
	for _, s := range stmts {
		if _, err := q.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%.70s: %w", s, err)
		}
	}
	return nil
}

func quoteIdent(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }
