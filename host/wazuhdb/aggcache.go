package wazuhdb

import (
	"container/list"
	"context"
	"database/sql"
	"strings"
	"sync"

	sqlite3 "modernc.org/sqlite/lib"

	"github.com/wazuh-go/server/host/wdb/sqltext"
)

// Bounds of a database's aggregate cache.
const (
	aggMaxReply   = 16 << 10
	aggMaxEntries = 512
	aggMaxBytes   = 4 << 20
)

// aggCache keeps the replies of aggregate "sql" statements (COUNT(*),
// GROUP BY, DISTINCT...: small results that may need a scan of a whole
// table, such as the total of every agent listing or the status summary)
// for as long as the database is unchanged. An entry is valid while both
// the server's write generation and SQLite's data_version, read on a
// dedicated connection, are those seen before the statement ran: the first
// covers this server's writes, the second any other writer of the file.
type aggCache struct {
	mu      sync.Mutex
	entries map[string]*list.Element
	lru     list.List // *aggEntry, most recent first
	bytes   int

	// flights are the computations running, by query: a miss waits for
	// the one of its query instead of scanning the table too.
	flights map[string]chan struct{}

	probeMu sync.Mutex
	probe   *sql.Conn
	probeSt *rawStmt
}

// find returns the cached reply of query (appended to a reply buffer),
// waiting for a computation of it already running. On a miss, lead tells
// the caller to compute the reply, store it and call land; without lead
// (the database cannot be versioned, or it changed while waiting) the reply
// is computed but not cached.
func (ac *aggCache) find(ctx context.Context, d *database, query string) (out []byte, dv int64, hit, lead bool) {
	for range 2 {
		v, err := ac.version(ctx, d.db)
		if err != nil {
			return nil, 0, false, false
		}
		buf := getReplyBuf()
		if out, ok := ac.lookup(buf, query, d.gen.Load(), v); ok {
			return out, v, true, false
		}
		putReplyBuf(buf)
		wait := ac.takeOff(query)
		if wait == nil {
			return nil, v, false, true
		}
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, v, false, false
		}
	}
	return nil, 0, false, false
}

// takeOff registers a computation of query; it returns nil when the caller
// leads it, or the channel closed when the running one lands.
func (ac *aggCache) takeOff(query string) <-chan struct{} {
	ac.mu.Lock()
	defer ac.mu.Unlock()
	if ch, ok := ac.flights[query]; ok {
		return ch
	}
	if ac.flights == nil {
		ac.flights = map[string]chan struct{}{}
	}
	ac.flights[query] = make(chan struct{})
	return nil
}

// land ends the computation of query led by the caller.
func (ac *aggCache) land(query string) {
	ac.mu.Lock()
	defer ac.mu.Unlock()
	if ch, ok := ac.flights[query]; ok {
		close(ch)
		delete(ac.flights, query)
	}
}

type aggEntry struct {
	query string
	gen   uint64
	dv    int64
	reply []byte
}

// version is the database's data_version as seen by the probe connection.
func (ac *aggCache) version(ctx context.Context, db *sql.DB) (int64, error) {
	ac.probeMu.Lock()
	defer ac.probeMu.Unlock()
	if ac.probe == nil {
		conn, err := db.Conn(ctx)
		if err != nil {
			return 0, err
		}
		ac.probe = conn
	}
	var v int64
	err := ac.probe.Raw(func(dc any) error {
		h, ok := rawHandle(dc)
		if !ok {
			return errNoRawHandle
		}
		if ac.probeSt == nil {
			st, err := h.prepare("PRAGMA data_version")
			if err != nil {
				return err
			}
			ac.probeSt = st
		}
		defer ac.probeSt.reset()
		ok, err := ac.probeSt.step()
		if err == nil && ok {
			v = sqlite3.Xsqlite3_column_int64(h.tls, ac.probeSt.p, 0)
		}
		return err
	})
	if err == errNoRawHandle {
		err = ac.probe.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	}
	return v, err
}

// lookup returns a copy of the cached reply for query appended to dst.
func (ac *aggCache) lookup(dst []byte, query string, gen uint64, dv int64) ([]byte, bool) {
	ac.mu.Lock()
	defer ac.mu.Unlock()
	el, ok := ac.entries[query]
	if !ok {
		return dst, false
	}
	e := el.Value.(*aggEntry)
	if e.gen != gen || e.dv != dv {
		ac.removeLocked(el)
		return dst, false
	}
	ac.lru.MoveToFront(el)
	return append(dst, e.reply...), true
}

// store keeps a copy of reply for query, computed on the state (gen, dv).
func (ac *aggCache) store(query string, gen uint64, dv int64, reply []byte) {
	if len(reply) > aggMaxReply {
		return
	}
	ac.mu.Lock()
	defer ac.mu.Unlock()
	if ac.entries == nil {
		ac.entries = map[string]*list.Element{}
	}
	if el, ok := ac.entries[query]; ok {
		ac.removeLocked(el)
	}
	e := &aggEntry{query: query, gen: gen, dv: dv, reply: append([]byte(nil), reply...)}
	ac.entries[query] = ac.lru.PushFront(e)
	ac.bytes += len(query) + len(e.reply)
	for ac.lru.Len() > aggMaxEntries || ac.bytes > aggMaxBytes {
		ac.removeLocked(ac.lru.Back())
	}
}

func (ac *aggCache) removeLocked(el *list.Element) {
	e := ac.lru.Remove(el).(*aggEntry)
	delete(ac.entries, e.query)
	ac.bytes -= len(e.query) + len(e.reply)
}

// close releases the probe connection.
func (ac *aggCache) close() {
	ac.probeMu.Lock()
	defer ac.probeMu.Unlock()
	if ac.probe != nil {
		if ac.probeSt != nil {
			_ = ac.probe.Raw(func(any) error { ac.probeSt.close(); return nil })
			ac.probeSt = nil
		}
		_ = ac.probe.Close()
		ac.probe = nil
	}
}

// nondeterministic are the SQL functions and keywords whose value does not
// only depend on the database (date and time functions default to 'now').
var nondeterministic = map[string]bool{
	"random": true, "randomblob": true, "changes": true, "total_changes": true, "last_insert_rowid": true,
	"date": true, "time": true, "datetime": true, "julianday": true, "unixepoch": true, "strftime": true,
	"timediff": true, "current_date": true, "current_time": true, "current_timestamp": true,
}

// aggregateFuncs mark a statement as an aggregate when called.
var aggregateFuncs = map[string]bool{
	"count": true, "sum": true, "total": true, "avg": true, "min": true, "max": true,
	"group_concat": true, "string_agg": true,
}

// cacheableAggregate reports whether stmt is an aggregate (aggregate call,
// GROUP BY or DISTINCT) whose result depends only on the database.
func cacheableAggregate(stmt string) bool {
	s := sqltext.NewScanner(stmt)
	agg := false
	var prev string
	for {
		t, err := s.Next()
		if err != nil {
			return false
		}
		if t.Text == "" {
			return agg
		}
		word := strings.ToLower(t.Text)
		switch {
		case word[0] == '\'' || word[0] == '"':
			if strings.Contains(word, "now") {
				return false
			}
		case nondeterministic[word]:
			return false
		case word == "(" && aggregateFuncs[prev], word == "by" && prev == "group", word == "distinct":
			agg = true
		}
		prev = word
	}
}
