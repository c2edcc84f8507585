package wazuhdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	_ "github.com/glebarez/go-sqlite" // registers the "sqlite" driver
)

// sqlitePragmas are applied to every connection: WAL so readers never block
// the writer, a generous busy timeout for writers from other processes, and
// caches sized for a 100k-agent global.db.
var sqlitePragmas = []string{
	"busy_timeout(10000)",
	"journal_mode(WAL)",
	"synchronous(NORMAL)",
	"foreign_keys(1)",
	"cache_size(-32768)",
	"temp_store(MEMORY)",
	"mmap_size(268435456)",
}

// openSQLite opens (creating it and its directory if needed) the database
// file at path with the embedded server's settings and at most maxConns
// pooled connections.
func openSQLite(ctx context.Context, path string, maxConns int) (*sql.DB, error) {
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("wazuhdb: database path %q must not contain '?' or '#'", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("wazuhdb: open %s: %w", path, err)
	}
	var dsn strings.Builder
	dsn.WriteString(path)
	dsn.WriteString("?_txlock=immediate")
	for _, p := range sqlitePragmas {
		dsn.WriteString("&_pragma=")
		dsn.WriteString(p)
	}
	db, err := sql.Open("sqlite", dsn.String())
	if err != nil {
		return nil, fmt.Errorf("wazuhdb: open %s: %w", path, err)
	}
	if maxConns < 1 {
		maxConns = 1
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("wazuhdb: open %s: %w", path, err)
	}
	return db, nil
}

// execAll runs stmts in one transaction.
func execAll(ctx context.Context, db *sql.DB, stmts []string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("wazuhdb: begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("wazuhdb: %.60s: %w", s, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("wazuhdb: commit: %w", err)
	}
	return nil
}

// tableExists reports whether a table named name exists.
func tableExists(ctx context.Context, q querier, name string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", name).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("wazuhdb: inspect schema: %w", err)
	}
	return n > 0, nil
}

// querier is the read side shared by *sql.DB, *sql.Conn and *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// driverErrSuffix matches the " (code)" and " (SQLITE_BUSY)" the driver
// appends to SQLite's message.
var driverErrSuffix = regexp.MustCompile(`( \(\d+\))?( \(SQLITE_BUSY\))?$`)

// sqliteMessage returns SQLite's own error message (sqlite3_errmsg), which is
// what wazuh-db puts after "Cannot execute ... query; ". The driver formats
// errors as "<errstr>: <errmsg> (<code>)".
func sqliteMessage(err error) string {
	var re *rawError
	if errors.As(err, &re) {
		return re.msg
	}
	var se interface {
		error
		Code() int
	}
	if !errors.As(err, &se) {
		return err.Error()
	}
	msg := driverErrSuffix.ReplaceAllString(se.Error(), "")
	if i := strings.Index(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return msg
}

// sprintfTable fills the table name of a DDL template.
func sprintfTable(ddl, table string) string { return fmt.Sprintf(ddl, table) }

// sprintfTable2 fills a DDL template with a table and a column name.
func sprintfTable2(ddl, table, column string) string { return fmt.Sprintf(ddl, table, column) }
