package wazuhdb

import (
	"context"
	"database/sql"
	"fmt"
)

// rowEncoder encodes rows in wazuh-db's format: one JSON object per row,
// keys in column order, NULL columns omitted.
type rowEncoder struct {
	keys [][]byte // pre-encoded `"name":` per column
	vals []any
	ptrs []any
}

func newRowEncoder(rows *sql.Rows) (*rowEncoder, error) {
	cols, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("columns: %w", err)
	}
	e := &rowEncoder{keys: make([][]byte, len(cols)), vals: make([]any, len(cols)), ptrs: make([]any, len(cols))}
	for i, c := range cols {
		e.keys[i] = append(appendString(nil, c), ':')
		e.ptrs[i] = &e.vals[i]
	}
	return e, nil
}

// encode scans the current row and appends its object to dst.
func (e *rowEncoder) encode(dst []byte, rows *sql.Rows) ([]byte, error) {
	if err := rows.Scan(e.ptrs...); err != nil {
		return dst, fmt.Errorf("scan: %w", err)
	}
	dst = append(dst, '{')
	first := true
	for i, v := range e.vals {
		if v == nil {
			continue
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = append(dst, e.keys[i]...)
		dst, _ = appendValue(dst, v)
		e.vals[i] = nil
	}
	return append(dst, '}'), nil
}

// appendQueryJSON runs query and appends its rows as a JSON array to buf.
// When limit > 0 it stops reading rows once buf grows past limit bytes (the
// reply is cut there, as wazuh-db cuts it) and reports truncated.
func appendQueryJSON(ctx context.Context, q querier, buf []byte, limit int, query string, args ...any) (_ []byte, truncated bool, err error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return buf, false, err
	}
	defer rows.Close()
	enc, err := newRowEncoder(rows)
	if err != nil {
		return buf, false, err
	}
	buf = append(buf, '[')
	n := 0
	for rows.Next() {
		if n > 0 {
			buf = append(buf, ',')
		}
		n++
		if buf, err = enc.encode(buf, rows); err != nil {
			return buf, false, err
		}
		if limit > 0 && len(buf) > limit {
			return buf, true, nil
		}
	}
	if err := rows.Err(); err != nil {
		return buf, false, err
	}
	return append(buf, ']'), false, nil
}
