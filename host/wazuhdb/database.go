package wazuhdb

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
)

// database is one open SQLite file served by the embedded server.
type database struct {
	name string // "global", "tasks", "mitre" or the agent id as %03d
	path string
	db   *sql.DB
	// wmu serializes this server's writers (SQLite has one writer at a
	// time; taking turns here avoids busy-waiting inside SQLite).
	wmu sync.Mutex
	// gen counts committed writes; cursors are only reused while it is
	// unchanged, so a continued page never differs from a fresh query.
	gen atomic.Uint64
	// cursorSlots bounds how many pooled connections idle cursors may hold.
	cursorSlots chan struct{}
	// stmts keeps prepared read statements per pooled connection.
	stmts stmtCache
	// agg caches aggregate results (nil: not cached).
	agg *aggCache
	// hold and unhold keep an agent database open while a cursor uses it
	// (nil for the databases that are always open).
	holdFn, unholdFn func()
}

// hold keeps the database from being closed until unhold.
func (d *database) hold() {
	if d.holdFn != nil {
		d.holdFn()
	}
}

// unhold releases a hold.
func (d *database) unhold() {
	if d.unholdFn != nil {
		d.unholdFn()
	}
}

func newDatabase(name, path string, db *sql.DB, conns int) *database {
	slots := conns - 2
	if slots < 1 {
		slots = 1
	}
	return &database{name: name, path: path, db: db, cursorSlots: make(chan struct{}, slots)}
}

// write runs fn in an immediate transaction under the writer lock.
func (d *database) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	d.wmu.Lock()
	defer d.wmu.Unlock()
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	d.gen.Add(1)
	return nil
}

// tryCursorSlot takes a cursor slot without waiting.
func (d *database) tryCursorSlot() bool {
	select {
	case d.cursorSlots <- struct{}{}:
		return true
	default:
		return false
	}
}

func (d *database) releaseCursorSlot() { <-d.cursorSlots }

func (d *database) close() error {
	if d.agg != nil {
		d.agg.close()
	}
	d.stmts.closeAll()
	return d.db.Close()
}
