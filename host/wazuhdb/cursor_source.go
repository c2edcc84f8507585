package wazuhdb

import (
	"context"
	"database/sql"
	"errors"
)

// rowSource produces encoded rows of an open statement.
type rowSource interface {
	// within runs fn with the statement usable.
	within(fn func() error) error
	// next appends the next row to dst; ok is false at the end.
	next(dst []byte) (out []byte, ok bool, err error)
	// close releases the statement and its connection.
	close()
}

var errNoRawHandle = errors.New("driver connection exposes no SQLite handle")

// openSource prepares query on a dedicated connection of d, through the
// raw read path when available and database/sql otherwise.
func openSource(ctx context.Context, d *database, query string) (rowSource, error) {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	var rs *rawSource
	err = conn.Raw(func(dc any) error {
		h, ok := rawHandle(dc)
		if !ok {
			return errNoRawHandle
		}
		st, err := h.prepareCached(&d.stmts, query)
		if err != nil {
			return err
		}
		rs = &rawSource{conn: conn, st: st, cache: &d.stmts}
		return nil
	})
	switch {
	case err == nil:
		return rs, nil
	case !errors.Is(err, errNoRawHandle):
		_ = conn.Close()
		return nil, err
	}
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		_ = conn.Close()
		return nil, err
	}
	enc, err := newRowEncoder(rows)
	if err != nil {
		_ = rows.Close()
		_ = conn.Close()
		return nil, err
	}
	return &sqlSource{conn: conn, rows: rows, enc: enc}, nil
}

// rawSource reads through the raw SQLite handle.
type rawSource struct {
	conn  *sql.Conn
	st    *rawStmt
	cache *stmtCache
}

func (r *rawSource) within(fn func() error) error {
	return r.conn.Raw(func(any) error { return fn() })
}

func (r *rawSource) next(dst []byte) ([]byte, bool, error) {
	ok, err := r.st.step()
	if err != nil || !ok {
		return dst, false, err
	}
	return r.st.appendRow(dst), true, nil
}

func (r *rawSource) close() {
	_ = r.conn.Raw(func(any) error {
		r.cache.put(r.st)
		return nil
	})
	_ = r.conn.Close()
}

// sqlSource reads through database/sql.
type sqlSource struct {
	conn *sql.Conn
	rows *sql.Rows
	enc  *rowEncoder
}

func (s *sqlSource) within(fn func() error) error { return fn() }

func (s *sqlSource) next(dst []byte) ([]byte, bool, error) {
	if !s.rows.Next() {
		return dst, false, s.rows.Err()
	}
	out, err := s.enc.encode(dst, s.rows)
	return out, err == nil, err
}

func (s *sqlSource) close() {
	_ = s.rows.Close()
	_ = s.conn.Close()
}
