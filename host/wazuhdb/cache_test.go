package wazuhdb

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wazuh-go/server/host/socket"
	"github.com/wazuh-go/server/sdk"
)

func TestCacheableAggregate(t *testing.T) {
	for stmt, want := range map[string]bool{
		"SELECT COUNT(*) FROM agent":                                                   true,
		"select count (*) from (select id from agent where name = 'x')":                true,
		"SELECT connection_status, COUNT(*) FROM agent GROUP BY connection_status":     true,
		"SELECT DISTINCT os_platform FROM agent LIMIT 500":                             true,
		"SELECT max(id) FROM agent":                                                    true,
		"SELECT id, name FROM agent ORDER BY id LIMIT 20":                              false,
		"SELECT COUNT(*) FROM agent WHERE last_keepalive > strftime('%s', 'now')":      false,
		"SELECT COUNT(*) FROM agent WHERE date_add > unixepoch() - 60":                 false,
		"SELECT COUNT(*), random() FROM agent":                                         false,
		"SELECT COUNT(*) FROM agent WHERE name = 'now'":                                false,
		"SELECT group_concat(name) FROM agent WHERE id < 5 AND date_add > julianday()": false,
		"SELECT 'unterminated":                                                         false,
	} {
		if got := cacheableAggregate(stmt); got != want {
			t.Errorf("cacheableAggregate(%q) = %v, want %v", stmt, got, want)
		}
	}
}

func TestAggregateCacheFollowsWrites(t *testing.T) {
	root := newRoot(t)
	s := startServer(t, root)
	const count = "global sql SELECT COUNT(*) AS n FROM agent"
	const summary = "global sql SELECT connection_status AS s, COUNT(*) AS n FROM agent GROUP BY connection_status"
	if got := mustOK(t, s, count); got != `[{"n":1}]` {
		t.Fatalf("count = %s", got)
	}
	mustOK(t, s, summary)
	if n := len(s.store.global.agg.entries); n != 2 {
		t.Fatalf("%d cached aggregates, want 2", n)
	}
	// A write through the server.
	mustOK(t, s, "global sql INSERT INTO agent (id, name, date_add, connection_status) VALUES (7, 'a7', 1, 'active')")
	if got := mustOK(t, s, count); got != `[{"n":2}]` {
		t.Fatalf("count after an insert = %s", got)
	}
	if got := mustOK(t, s, summary); got != `[{"s":"active","n":2}]` {
		t.Fatalf("summary after an insert = %s", got)
	}
	// A write by another process on the file.
	db, err := sql.Open("sqlite", filepath.Join(root, globalDBPath))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("UPDATE agent SET connection_status = 'pending' WHERE id = 7"); err != nil {
		t.Fatal(err)
	}
	if got := mustOK(t, s, summary); got != `[{"s":"active","n":1},{"s":"pending","n":1}]` {
		t.Fatalf("summary after an external update = %s", got)
	}
	if _, err := db.Exec("DELETE FROM agent WHERE id = 7"); err != nil {
		t.Fatal(err)
	}
	if got := mustOK(t, s, count); got != `[{"n":1}]` {
		t.Fatalf("count after an external delete = %s", got)
	}
}

func TestLocalConn(t *testing.T) {
	s := startServer(t, newRoot(t))
	ctx := context.Background()
	c, err := s.Dial(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stmt := "global sql SELECT id, name FROM agent ORDER BY id LIMIT 5 OFFSET 0"
	for range 3 { // the prepared statement is reused from the second time on
		r, err := c.Request(ctx, []byte(stmt))
		if err != nil || string(r) != `ok [{"id":0,"name":"localhost"}]` {
			t.Fatalf("reply %q, %v", r, err)
		}
		c.Recycle(r)
	}
	if r, err := c.Request(ctx, []byte("global sql SELECT 1 AS x\n")); err != nil || string(r) != "ok [{\"x\":1}]\n" {
		t.Fatalf("request with a newline: %q, %v", r, err)
	}
	_, err = c.Request(ctx, make([]byte, socket.MaxFrameBytes+1))
	var we *sdk.Error
	if !errors.As(err, &we) || we.Code != socket.CodeQueryTooLong || c.Broken() {
		t.Fatalf("oversized request: %v (broken %v)", err, c.Broken())
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := c.Request(canceled, []byte("global sql SELECT 1")); !errors.As(err, &we) || we.Code != socket.CodeCommunicate || !c.Broken() {
		t.Fatalf("canceled request: %v (broken %v)", err, c.Broken())
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	// A connection left open is shut by Close.
	open, err := s.Dial(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := open.Request(ctx, []byte("global sql SELECT 1")); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Fatalf("request after Close: %v", err)
	}
	if _, err := s.Dial(ctx); err == nil {
		t.Fatal("Dial after Close succeeded")
	}
}

// A request whose context ends first returns at once and breaks the
// connection; closing it does not wait for the request, the server does.
func TestLocalConnInterrupted(t *testing.T) {
	s := startServer(t, newRoot(t))
	c, err := s.Dial(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	slow := "global sql WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) SELECT COUNT(*) AS n FROM c"
	start := time.Now()
	_, err = c.Request(ctx, []byte(slow))
	var we *sdk.Error
	if !errors.As(err, &we) || we.Code != socket.CodeCommunicate || !c.Broken() {
		t.Fatalf("interrupted request: %v (broken %v)", err, c.Broken())
	}
	_ = c.Close()
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("returning and closing took %v", d)
	}
	if err := s.Close(); err != nil { // waits for the request
		t.Fatal(err)
	}
}

// Concurrent misses of one aggregate wait for a single computation and all
// get its reply.
func TestAggregateSingleFlight(t *testing.T) {
	s := startServer(t, newRoot(t))
	for i := 1; i <= 300; i++ {
		mustOK(t, s, "global sql INSERT INTO agent (id, name, date_add) VALUES ("+itoa(i)+", 'a', 1)")
	}
	const count = "global sql SELECT COUNT(*) AS n FROM agent WHERE name = 'a'"
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := query(t, s, count); got != `ok [{"n":300}]` {
				t.Errorf("count = %s", got)
			}
		}()
	}
	wg.Wait()
	if n := len(s.store.global.agg.flights); n != 0 {
		t.Errorf("%d computations still registered", n)
	}
}
