package wazuhdb

import (
	"sync"

	sqlite3 "modernc.org/sqlite/lib"
)

// stmtsPerConn bounds the prepared statements kept per SQLite connection.
const stmtsPerConn = 16

// stmtCache keeps the prepared read statements of a database's pooled
// connections, so that a statement sent again (every page request of the
// API sends the same few listings) skips SQLite's parser and planner, which
// cost as much as reading a small page. Statements are keyed by connection
// handle and SQL text; one is checked out while a cursor uses it, on the
// connection the cursor holds exclusively, and reset when it comes back.
type stmtCache struct {
	mu    sync.Mutex
	conns map[uintptr]*connStmts
}

// connStmts are the idle statements of one connection, least recently used
// first.
type connStmts struct {
	c     rawConn
	stmts []*rawStmt
}

// get checks out the statement for query on c, or returns nil.
func (sc *stmtCache) get(c rawConn, query string) *rawStmt {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	cs := sc.conns[c.db]
	if cs == nil {
		return nil
	}
	for i, st := range cs.stmts {
		if st.query == query {
			cs.stmts = append(cs.stmts[:i], cs.stmts[i+1:]...)
			return st
		}
	}
	return nil
}

// put resets st and keeps it for its connection, finalizing the least
// recently used statement beyond stmtsPerConn. The caller holds st's
// connection.
func (sc *stmtCache) put(st *rawStmt) {
	st.reset()
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.conns == nil {
		sc.conns = map[uintptr]*connStmts{}
	}
	cs := sc.conns[st.c.db]
	if cs == nil {
		cs = &connStmts{c: st.c}
		sc.conns[st.c.db] = cs
	}
	cs.stmts = append(cs.stmts, st)
	if len(cs.stmts) > stmtsPerConn {
		cs.stmts[0].close()
		cs.stmts = cs.stmts[1:]
	}
}

// closeAll finalizes every idle statement; call it before closing the
// connections, when none is in use.
func (sc *stmtCache) closeAll() {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	for h, cs := range sc.conns {
		for _, st := range cs.stmts {
			st.close()
		}
		delete(sc.conns, h)
	}
}

// reset rewinds the statement and ends its read transaction.
func (s *rawStmt) reset() {
	if s.p != 0 {
		sqlite3.Xsqlite3_reset(s.c.tls, s.p)
	}
}

// prepareCached checks out the cached statement for query on c, or
// prepares it.
func (c rawConn) prepareCached(sc *stmtCache, query string) (*rawStmt, error) {
	if st := sc.get(c, query); st != nil {
		if int(sqlite3.Xsqlite3_column_count(c.tls, st.p)) == len(st.keys) {
			return st, nil
		}
		st.close() // the schema changed under it: prepare again
	}
	return c.prepare(query)
}
