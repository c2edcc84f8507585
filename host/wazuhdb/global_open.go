package wazuhdb

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// globalConns is the connection pool size of global.db: readers run in
// parallel under WAL; writers are serialized by the server. Up to
// globalConns-4 of them may hold a paged listing's open cursor (one per
// concurrent listing), one is the aggregate cache's probe.
const globalConns = 24

// OpenGlobalDB opens the global.db at path with the embedded server's
// settings. A missing or empty file becomes a v7 database with the manager
// row (agent 000); an older database (db_version < 7, or no metadata table)
// is upgraded in place to v7 as wazuh-db does when it starts.
func OpenGlobalDB(ctx context.Context, path string) (*sql.DB, error) {
	return openGlobal(ctx, path, "")
}

// openGlobal is OpenGlobalDB that first copies an upgradable database into
// backupDir (when not empty).
func openGlobal(ctx context.Context, path, backupDir string) (*sql.DB, error) {
	db, err := openSQLite(ctx, path, globalConns)
	if err != nil {
		return nil, err
	}
	if err := prepareGlobal(ctx, db, backupDir); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("wazuhdb: %s: %w", path, err)
	}
	return db, nil
}

// prepareGlobal creates or upgrades the schema.
func prepareGlobal(ctx context.Context, db *sql.DB, backupDir string) error {
	hasAgent, err := tableExists(ctx, db, "agent")
	if err != nil {
		return err
	}
	if !hasAgent {
		return execAll(ctx, db, globalCreate())
	}
	version, err := schemaVersion(ctx, db, "metadata")
	if err != nil {
		return err
	}
	if version >= GlobalSchemaVersion {
		return nil
	}
	if backupDir != "" {
		if err := backupDB(ctx, db, backupDir, "global.db"); err != nil {
			return err
		}
	}
	return upgradeGlobal(ctx, db, version)
}

// schemaVersion reads db_version from the metadata table named table; a
// database without that table or row is version 0.
func schemaVersion(ctx context.Context, q querier, table string) (int, error) {
	ok, err := tableExists(ctx, q, table)
	if err != nil || !ok {
		return 0, err
	}
	var v sql.NullString
	err = q.QueryRowContext(ctx, "SELECT value FROM "+table+" WHERE key = 'db_version'").Scan(&v)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("wazuhdb: read db_version: %w", err)
	}
	n, _ := strconv.Atoi(strings.TrimSpace(v.String))
	return n, nil
}

// backupDB writes a consistent copy of db to dir as
// "<name>-backup-<date>-pre_upgrade", like wazuh-db's pre-upgrade backup
// (which is gzip-compressed; this one is a plain SQLite file).
func backupDB(ctx context.Context, db *sql.DB, dir, name string) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("wazuhdb: backup: %w", err)
	}
	target := filepath.Join(dir, fmt.Sprintf("%s-backup-%s-pre_upgrade", name, time.Now().UTC().Format("2006-01-02-15:04:05")))
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", target); err != nil {
		return fmt.Errorf("wazuhdb: backup to %s: %w", target, err)
	}
	return nil
}
