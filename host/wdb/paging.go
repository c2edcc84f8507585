package wdb

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/wazuh-go/server/host/socket"
	"github.com/wazuh-go/server/host/wdb/sqltext"
	"github.com/wazuh-go/server/sdk"
)

// maxStep caps the page size (the framework's MAXIMUM_DATABASE_LIMIT).
const maxStep = 100000

// pageFunc receives the rows of one reply; whole is the reply's payload
// when it holds exactly those rows as a complete JSON array, else nil.
type pageFunc func(rows []json.RawMessage, whole []byte) error

// runSQL sends a "<target> sql" command. SELECTs are paged the way the
// framework's WazuhDBConnection.execute pages them: any trailing
// LIMIT/OFFSET of the statement is taken as the overall window and the
// statement is sent with "limit <step> offset <n>" until the window or the
// rows are exhausted. The step starts at the request slice and adapts: when
// wazuh-db cuts a reply at 64 KiB the complete rows are kept, the next
// request starts after them and asks for about as many rows as fitted;
// small replies double it. Other statements go out as a single request.
// With recycle, each reply is handed back to its connection once fn has
// returned (fn must not retain rows or whole).
func (c *Client) runSQL(ctx context.Context, cmd sqlCommand, recycle bool, fn pageFunc) error {
	p := cmd.page
	if !cmd.pageable {
		return c.sqlPage(ctx, cmd.prefix+cmd.stmt, fn)
	}
	remaining := int64(-1)
	if p.HasLimit && p.Limit >= 0 {
		remaining = p.Limit
	}
	off, step := p.Offset, c.opts.slice
	pn := &pin{}
	defer c.release(pn)
	var rowBuf []json.RawMessage // reused when fn does not keep rows
	for remaining != 0 {
		n := step
		if remaining > 0 && n > remaining {
			n = remaining
		}
		status, payload, cut, err := c.exchange(ctx, cmd.prefix+sqltext.WithLimit(p.Base, n, off), pn)
		if err != nil {
			return err
		}
		rows, complete, err := appendPageRows(rowBuf[:0], status, payload, cut)
		if err != nil {
			return err
		}
		if recycle {
			rowBuf = rows
		}
		if len(rows) > 0 {
			var whole []byte
			if complete {
				whole = payload
			} else {
				whole = closeCut(payload, rows)
			}
			if err := fn(rows, whole); err != nil {
				return err
			}
		}
		got, small := int64(len(rows)), len(payload)*2 < socket.MaxFrameBytes
		if recycle {
			pn.recycle()
		}
		off += got
		if remaining > 0 {
			remaining -= got
		}
		switch {
		case complete && got < n:
			return nil
		case !complete:
			step = max(got, 1)
		case small:
			step = min(step*2, maxStep)
		}
	}
	return nil
}

// sqlPage sends one command and hands its rows to fn.
func (c *Client) sqlPage(ctx context.Context, command string, fn pageFunc) error {
	status, payload, cut, err := c.exchange(ctx, command, nil)
	if err != nil {
		return err
	}
	rows, complete, err := pageRows(status, payload, cut)
	if err != nil {
		return err
	}
	if !complete {
		return sdk.NewError(CodePagination)
	}
	return fn(rows, payload)
}

// pageRows checks a reply and splits its rows. A reply cut at the frame
// size yields its complete rows with complete=false; one whose first row
// was already cut is 2009.
func pageRows(status string, payload []byte, cut bool) ([]json.RawMessage, bool, error) {
	return appendPageRows(nil, status, payload, cut)
}

// appendPageRows is pageRows appending the rows to dst.
func appendPageRows(dst []json.RawMessage, status string, payload []byte, cut bool) ([]json.RawMessage, bool, error) {
	if err := statusError(status, payload); err != nil {
		return nil, false, err
	}
	rows, complete, err := appendRows(dst, payload)
	switch {
	case err != nil:
		return nil, false, sdk.NewError(CodeBadJSON, clipText(payload))
	case !complete && !cut:
		return nil, false, sdk.NewError(CodeBadJSON, clipText(payload))
	case !complete && len(rows) == 0:
		return nil, false, sdk.NewError(CodePagination)
	}
	return rows, complete, nil
}

// statusError maps a non-ok status to a Wazuh error: "err" is 2003 with
// wazuh-db's message, anything else but "ok" is 2007.
func statusError(status string, payload []byte) error {
	switch status {
	case StatusOK:
		return nil
	case StatusErr:
		return sdk.NewError(CodeRequest, string(payload))
	}
	return sdk.NewError(CodeRetrieve, strings.TrimSpace(status+" "+clipText(payload)))
}

func clipText(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "..."
	}
	return string(b)
}

// closeCut turns a cut reply into the array of its complete rows, in
// place, when it is laid out as wazuh-db prints it ("[" then the rows
// separated by single commas): the comma after the last complete row
// becomes "]". It returns nil for any other layout. payload is the
// exchange's own buffer; the rows, which end before that comma, stay valid.
func closeCut(payload []byte, rows []json.RawMessage) []byte {
	if len(payload) == 0 || payload[0] != '[' {
		return nil
	}
	next := 1
	for _, r := range rows {
		if cap(payload)-cap(r) != next {
			return nil
		}
		next += len(r)
		if next >= len(payload) || payload[next] != ',' {
			return nil
		}
		next++
	}
	end := next - 1
	payload[end] = ']'
	return payload[:end+1]
}
