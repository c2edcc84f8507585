package wdb

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/wazuh-go/server/host/wdb/sqltext"
	"github.com/wazuh-go/server/sdk"
)

// ErrDue is returned by Query, with the payload, when wazuh-db answered
// "due": the command pages itself and must be sent again (see Run and the
// last_id helpers).
var ErrDue = errors.New("wdb: more data pending (due)")

// Query sends one command and returns its JSON payload. A "<target> sql"
// command is prepared as the framework prepares it (lower-cased outside
// single quotes, validated: error 2004) and a SELECT is paged, so the rows
// of every page come back as one JSON array whatever its size. Other
// commands are sent once: "ok" returns the payload (nil when there is none),
// "due" the payload together with ErrDue, "err" is error 2003.
func (c *Client) Query(ctx context.Context, command string) (json.RawMessage, error) {
	if cmd, ok, err := prepareSQL(command); ok {
		if err != nil {
			return nil, err
		}
		var single []byte
		var all []json.RawMessage
		pages := 0
		err := c.runSQL(ctx, cmd, false, func(rows []json.RawMessage, whole []byte) error {
			pages++
			single = whole
			all = append(all, rows...)
			return nil
		})
		switch {
		case err != nil:
			return nil, err
		case pages == 0:
			return json.RawMessage("[]"), nil
		case pages == 1 && single != nil:
			return single, nil
		}
		return joinRows(nil, all), nil
	}
	status, payload, err := c.Exec(ctx, command)
	if err != nil {
		return nil, err
	}
	if status == StatusDue {
		return payload, ErrDue
	}
	if err := statusError(status, payload); err != nil {
		return nil, err
	}
	return payload, nil
}

// Stream runs a command whose result may be large and calls fn once per
// page with a JSON array. For "<target> sql SELECT ..." the pages are the
// LIMIT/OFFSET pages Query would join (one "[]" page when there are no
// rows); other commands are sent again while
// wazuh-db answers "due" (each reply payload is a page), which suits
// commands that advance by themselves (sync-agent-info-get...). fn must not
// keep page after returning.
func (c *Client) Stream(ctx context.Context, command string, fn func(page json.RawMessage) error) error {
	cmd, ok, err := prepareSQL(command)
	if !ok {
		return c.run(ctx, command, func(p []byte) error { return fn(p) })
	}
	if err != nil {
		return err
	}
	var buf []byte
	pages := 0
	err = c.runSQL(ctx, cmd, true, func(rows []json.RawMessage, whole []byte) error {
		pages++
		if whole != nil {
			return fn(whole)
		}
		buf = joinRows(buf[:0], rows)
		return fn(buf)
	})
	if err == nil && pages == 0 {
		err = fn(json.RawMessage("[]"))
	}
	return err
}

// SQL runs statement on a database ("global", "agent", "task" or "mitre";
// agentID selects the agent database) and returns every row as a raw JSON
// object, keys in column order, NULL columns omitted. SELECTs are paged as
// in Query.
func (c *Client) SQL(ctx context.Context, target string, agentID int, statement string) ([]json.RawMessage, error) {
	var all []json.RawMessage
	err := c.SQLEach(ctx, target, agentID, statement, func(rows []json.RawMessage) error {
		all = append(all, rows...)
		return nil
	})
	return all, err
}

// SQLEach is SQL calling fn with the rows of each page as they arrive, for
// exports that should not be held in memory. The rows alias a buffer that
// stays valid after fn returns.
func (c *Client) SQLEach(ctx context.Context, target string, agentID int, statement string, fn func(rows []json.RawMessage) error) error {
	prefix, err := sqlPrefix(target, agentID)
	if err != nil {
		return err
	}
	cmd, _, err := prepareSQL(prefix + statement)
	if err != nil {
		return err
	}
	return c.runSQL(ctx, cmd, false, func(rows []json.RawMessage, _ []byte) error { return fn(rows) })
}

// sqlPrefix builds the command prefix for a target database.
func sqlPrefix(target string, agentID int) (string, error) {
	switch target {
	case "global", "task", "mitre":
		return target + " sql ", nil
	case "agent":
		return fmt.Sprintf("agent %03d sql ", agentID), nil
	}
	return "", sdk.NewError(CodeInvalidQuery, "The "+target+" database is not valid")
}

// prepareSQL lower-cases and validates an sql command, and splits its
// LIMIT/OFFSET window; ok is false for commands that are not
// "<target> sql ...". Results are memoized (see prepMemo).
func prepareSQL(command string) (sqlCommand, bool, error) {
	if r, hit := prepMemo.get(command); hit {
		return r.cmd, r.ok, r.err
	}
	var r prepared
	r.cmd, r.ok, r.err = prepareSQLText(command)
	if r.err == nil { // errors are built afresh: callers may change them
		prepMemo.put(command, r)
	}
	return r.cmd, r.ok, r.err
}

func prepareSQLText(command string) (sqlCommand, bool, error) {
	if _, ok := parseSQLCommand(command); !ok {
		return sqlCommand{}, false, nil
	}
	lower := sqltext.LowerOutsideQuotes(command)
	if err := validateQuery(lower); err != nil {
		return sqlCommand{}, true, err
	}
	cmd, _ := parseSQLCommand(lower)
	cmd.page, cmd.pageable = sqltext.SplitLimit(cmd.stmt)
	cmd.pageable = cmd.pageable && sqltext.MainVerb(cmd.stmt) == "SELECT"
	return cmd, true, nil
}

// prepared is a memoized prepareSQL result.
type prepared struct {
	cmd sqlCommand
	ok  bool
	err error
}

// prepMemo remembers prepareSQL for recent commands: modules send the same
// listings again and again, and lower-casing, validating and tokenizing a
// long statement each time cost about as much as a small page.
var prepMemo = memo[prepared]{max: 512}

// memo is a small map emptied when full.
type memo[V any] struct {
	mu  sync.Mutex
	m   map[string]V
	max int
}

func (m *memo[V]) get(k string) (V, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.m[k]
	return v, ok
}

func (m *memo[V]) put(k string, v V) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil || len(m.m) >= m.max {
		m.m = make(map[string]V, m.max)
	}
	m.m[k] = v
}

// joinRows appends "[r1,r2,...]" to dst.
func joinRows(dst []byte, rows []json.RawMessage) []byte {
	dst = append(dst, '[')
	dst = append(dst, bytes.Join(toBytes(rows), []byte{','})...)
	return append(dst, ']')
}

func toBytes(rows []json.RawMessage) [][]byte {
	out := make([][]byte, len(rows))
	for i, r := range rows {
		out[i] = r
	}
	return out
}
