package wazuhdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// agentGroupNames returns the agent's groups in priority order.
func agentGroupNames(ctx context.Context, q querier, agentID int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT name FROM belongs JOIN `group` ON id = id_group WHERE id_agent = ? ORDER BY priority", agentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n sql.NullString
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n.String)
	}
	return names, rows.Err()
}

// refreshAgentGroups recomputes the agent's `group` CSV and group_hash from
// belongs (NULL when it has no group) and, when syncStatus is not empty,
// sets group_sync_status.
func refreshAgentGroups(ctx context.Context, q querier, agentID int64, syncStatus string) error {
	names, err := agentGroupNames(ctx, q, agentID)
	if err != nil {
		return err
	}
	csv := strings.Join(names, ",")
	var csvArg, hashArg any
	if csv != "" {
		csvArg, hashArg = csv, groupHash(csv)
	}
	if syncStatus == "" {
		_, err = q.ExecContext(ctx, "UPDATE agent SET `group` = ?, group_hash = ? WHERE id = ?", csvArg, hashArg, agentID)
	} else {
		_, err = q.ExecContext(ctx, "UPDATE agent SET `group` = ?, group_hash = ?, group_sync_status = ? WHERE id = ?", csvArg, hashArg, syncStatus, agentID)
	}
	return err
}

// recomputeGroupHashes sets group_hash from the `group` CSV of every agent.
func recomputeGroupHashes(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, `group` FROM agent")
	if err != nil {
		return err
	}
	type pair struct {
		id  int64
		csv sql.NullString
	}
	var all []pair
	for rows.Next() {
		var p pair
		if err := rows.Scan(&p.id, &p.csv); err != nil {
			rows.Close()
			return err
		}
		all = append(all, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, p := range all {
		var h any
		if p.csv.String != "" {
			h = groupHash(p.csv.String)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE agent SET group_hash = ? WHERE id = ?", h, p.id); err != nil {
			return err
		}
	}
	return nil
}

// findGroup returns the id of the named group, or ok=false.
func findGroup(ctx context.Context, q querier, name string) (id int64, ok bool, err error) {
	err = q.QueryRowContext(ctx, "SELECT id FROM `group` WHERE name = ?", name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// findOrCreateGroup returns the id of the named group, inserting it first
// when missing (wazuh-db creates unknown groups on assignment).
func findOrCreateGroup(ctx context.Context, q querier, name string) (int64, error) {
	id, ok, err := findGroup(ctx, q, name)
	if err != nil || ok {
		return id, err
	}
	res, err := q.ExecContext(ctx, "INSERT INTO `group` (name) VALUES (?)", name)
	if err != nil {
		return 0, fmt.Errorf("insert group %q: %w", name, err)
	}
	return res.LastInsertId()
}

// globalGroupHash computes the global group hash of the database.
func globalGroupHash(ctx context.Context, q querier) (string, error) {
	rows, err := q.QueryContext(ctx, "SELECT group_hash FROM agent WHERE id > 0 AND group_hash IS NOT NULL ORDER BY id")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var hashes []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return "", err
		}
		hashes = append(hashes, h)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return globalGroupHashOf(hashes), nil
}
