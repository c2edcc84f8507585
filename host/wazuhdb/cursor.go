package wazuhdb

import (
	"context"

	"github.com/wazuh-go/server/host/wdb/sqltext"
)

// cursor is an open SELECT whose remaining rows can answer the next page
// request of the same connection. A client paging with LIMIT/OFFSET (as the
// framework does, and as it must because one frame holds at most 64 KiB)
// sends the same statement again with OFFSET moved past the rows it got;
// continuing the open statement instead of re-running it turns paging
// through N rows from O(N^2) row skips into O(N). Reuse is exact: it only
// happens when the statement text matches, the offset is where the cursor
// stands, the requested window lies inside the statement's window, and the
// database has not been written since the cursor was opened.
type cursor struct {
	db      *database
	gen     uint64
	base    string
	src     rowSource
	pos     int64 // absolute index of the next row to deliver
	end     int64 // end of the statement's row window; -1 = unbounded
	pending []byte
	scratch []byte
	slot    bool // holds one of d's cursor slots
	held    bool // holds d open (agent databases)
	done    bool
}

// openCursor runs the statement of p on d. A LIMIT is widened to at least
// window rows so the cursor can serve the following pages too.
func openCursor(ctx context.Context, d *database, p sqltext.Paging, window int64) (*cursor, error) {
	c := &cursor{db: d, gen: d.gen.Load(), base: p.Base, pos: p.Offset, end: -1}
	query := p.Base
	if p.HasLimit {
		w := int64(-1)
		if p.Limit >= 0 {
			w = max(p.Limit, window)
			c.end = p.Offset + w
		}
		query = sqltext.AppendLimit(p.Base, w, p.Offset)
	}
	c.slot = d.tryCursorSlot()
	d.hold()
	c.held = true
	src, err := openSource(ctx, d, query)
	if err != nil {
		c.close()
		return nil, err
	}
	c.src = src
	return c, nil
}

// serves reports whether the cursor can answer the page p on d.
func (c *cursor) serves(d *database, p sqltext.Paging) bool {
	if c.done || c.db != d || c.gen != d.gen.Load() || c.base != p.Base || !p.HasLimit || c.pos != p.Offset {
		return false
	}
	return c.end < 0 || (p.Limit >= 0 && p.Offset+p.Limit <= c.end)
}

// fill appends "[rows]" to buf: up to want rows (want < 0: all), stopping
// when the reply would pass maxReply bytes. The row that does not fit is
// still written (the caller cuts the reply at maxReply, as wazuh-db does)
// and kept for the next page.
func (c *cursor) fill(buf []byte, want int64) ([]byte, error) {
	buf = append(buf, '[')
	err := c.src.within(func() error {
		var n int64
		for want < 0 || n < want {
			row, ok, err := c.next()
			if err != nil || !ok {
				return err
			}
			if n > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, row...)
			if len(buf) > maxReply {
				c.pending = append(c.pending[:0], row...)
				return nil
			}
			n++
			c.pos++
		}
		buf = append(buf, ']')
		return nil
	})
	if err != nil {
		return nil, err
	}
	if c.done {
		buf = append(buf, ']')
	}
	return buf, nil
}

// next returns the pending row or encodes the next one.
func (c *cursor) next() ([]byte, bool, error) {
	if len(c.pending) > 0 {
		c.scratch = append(c.scratch[:0], c.pending...)
		c.pending = c.pending[:0]
		return c.scratch, true, nil
	}
	if c.done {
		return nil, false, nil
	}
	row, ok, err := c.src.next(c.scratch[:0])
	c.scratch = row
	if !ok || err != nil {
		c.done = true
	}
	return row, ok, err
}

// keep reports whether the cursor is worth keeping after a page.
func (c *cursor) keep() bool { return c.slot && !c.done }

// close releases the statement and the slot.
func (c *cursor) close() {
	if c.src != nil {
		c.src.close()
		c.src = nil
	}
	if c.slot {
		c.db.releaseCursorSlot()
		c.slot = false
	}
	if c.held {
		c.db.unhold()
		c.held = false
	}
	c.done = true
}
