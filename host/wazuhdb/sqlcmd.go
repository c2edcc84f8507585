package wazuhdb

import (
	"context"
	"database/sql"
)

// sqlErrFunc builds the actor's error reply for a failed statement.
type sqlErrFunc func(err error) []byte

// globalSQLErr is wazuh-db's reply for a failed "global sql".
func globalSQLErr(err error) []byte {
	return errReply("Cannot execute Global database query; " + sqliteMessage(err))
}

// mitreSQLErr is wazuh-db's reply for a failed "mitre sql".
func mitreSQLErr(err error) []byte {
	return errReply("Cannot execute Mitre database query; " + sqliteMessage(err))
}

// plainSQLErr is wazuh-db's reply for a failed "agent N sql" or "task sql",
// which does not include SQLite's message.
func plainSQLErr(error) []byte { return errReply("Cannot execute SQL query") }

// runSQL executes one "sql" command on d and returns the reply: "ok" and a
// JSON array of row objects (NULL columns omitted), cut at 64 KiB as
// wazuh-db cuts it, or the actor's error.
func (ss *session) runSQL(ctx context.Context, d *database, text string, onErr sqlErrFunc) []byte {
	plan := ss.srv.plans.plan(text, ss.srv.opts.sqlWrites)
	if plan.err != nil {
		ss.srv.opts.logger.Debug("wazuh-db: refused statement", "db", d.name, "err", plan.err)
		return onErr(plan.err)
	}
	stmt, p := plan.stmt, plan.page
	if !plan.readOnly {
		return ss.runWrite(ctx, d, stmt, onErr)
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	var dv int64
	var err error
	cache := d.agg != nil && plan.cacheable
	if cache {
		var out []byte
		var hit bool
		if out, dv, hit, cache = d.agg.find(ctx, d, stmt); hit {
			ss.dropCursorLocked()
			return out
		}
		if cache {
			defer d.agg.land(stmt)
		}
	}
	c := ss.cur
	if c == nil || !c.serves(d, p) {
		ss.dropCursorLocked()
		c, err = openCursor(ctx, d, p, ss.srv.opts.cursorWindow)
		if err != nil {
			return onErr(err)
		}
	} else {
		ss.cur = nil
	}
	out, err := c.fill(append(getReplyBuf(), "ok "...), p.Limit)
	if err != nil {
		c.close()
		return onErr(err)
	}
	if cache && len(out) < maxReply {
		d.agg.store(stmt, c.gen, dv, out)
	}
	ss.keepCursorLocked(c)
	return clip(out)
}

// runWrite executes a write statement in a transaction under the writer lock.
func (ss *session) runWrite(ctx context.Context, d *database, stmt string, onErr sqlErrFunc) []byte {
	ss.mu.Lock()
	ss.dropCursorLocked()
	ss.mu.Unlock()
	var out []byte
	err := d.write(ctx, func(tx *sql.Tx) error {
		var err error
		out, _, err = appendQueryJSON(ctx, tx, []byte("ok "), maxReply, stmt)
		return err
	})
	if err != nil {
		return onErr(err)
	}
	return clip(out)
}
