package wazuhdb

import (
	"context"
	"database/sql"
	"strings"
)

// batch accumulates rows for multi-row INSERT statements: the driver
// compiles the SQL text on every Exec, so one statement per few rows is
// much faster than one per row. Batches stay small because the driver binds
// arguments in time quadratic in their number.
type batch struct {
	tx   *sql.Tx
	head string // "INSERT INTO t (a, b) VALUES "
	cols int
	rows int // rows per statement
	args []any
	n    int
	sql  string // cached statement text for a full batch
}

// add queues one row, flushing when the batch is full.
func (b *batch) add(ctx context.Context, values ...any) error {
	b.args = append(b.args, values...)
	b.n++
	if b.n < b.rows {
		return nil
	}
	return b.flush(ctx)
}

// flush inserts the queued rows.
func (b *batch) flush(ctx context.Context) error {
	if b.n == 0 {
		return nil
	}
	query := b.sql
	if b.n != b.rows || query == "" {
		query = b.statement(b.n)
		if b.n == b.rows {
			b.sql = query
		}
	}
	_, err := b.tx.ExecContext(ctx, query, b.args...)
	b.args, b.n = b.args[:0], 0
	return err
}

// statement builds the INSERT for n rows.
func (b *batch) statement(n int) string {
	row := "(" + strings.Repeat("?,", b.cols-1) + "?)"
	var sb strings.Builder
	sb.Grow(len(b.head) + n*(len(row)+1))
	sb.WriteString(b.head)
	for i := range n {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(row)
	}
	return sb.String()
}
