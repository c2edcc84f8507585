package wazuhdb

import (
	"context"
	"fmt"
)

// sizedQuery runs query and collects its rows into a JSON array until the
// next one would not fit in maxSized, like wazuh-db's wdb_exec_stmt_sized.
// With single set each element is the first column's value ("[1,2,3]")
// instead of a row object. It returns "ok" when every row fit and "due"
// otherwise (the caller pages with last_id), the array, and the integer
// first-column values of the rows included.
func sizedQuery(ctx context.Context, q querier, single bool, query string, args ...any) (string, []byte, []int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return "", nil, nil, err
	}
	defer rows.Close()
	enc, err := newRowEncoder(rows)
	if err != nil {
		return "", nil, nil, err
	}
	out := append(make([]byte, 0, 1024), '[')
	size, status := 2, statusOK
	var ids []int64
	var el []byte
	for rows.Next() {
		var first any
		if single {
			if err := rows.Scan(enc.ptrs...); err != nil {
				return "", nil, nil, fmt.Errorf("scan: %w", err)
			}
			first = enc.vals[0]
			var present bool
			if el, present = appendValue(el[:0], first); !present {
				continue
			}
		} else {
			if el, err = enc.encode(el[:0], rows); err != nil {
				return "", nil, nil, err
			}
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
		if id, ok := first.(int64); ok {
			ids = append(ids, id)
		}
	}
	if err := rows.Err(); err != nil {
		return "", nil, nil, err
	}
	return status, append(out, ']'), ids, nil
}
