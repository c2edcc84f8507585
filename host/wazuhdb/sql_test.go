package wazuhdb

import (
	"fmt"
	"strings"
	"testing"
)

func TestSQLEncoding(t *testing.T) {
	s := startServer(t, newRoot(t))
	got := mustOK(t, s, `global sql SELECT 1.5 AS f, 3 AS i, 1e20 AS big, -2147483649 AS neg, NULL AS gone, 'a"b\c' || char(10) AS s, x'414200' AS blob, '' AS empty`)
	want := `[{"f":1.5,"i":3,"big":1e+20,"neg":-2147483649,"s":"a\"b\\c\n","blob":"AB","empty":""}]`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := mustOK(t, s, "global sql SELECT 1 AS a, 2 AS a"); got != `[{"a":1,"a":2}]` {
		t.Errorf("duplicate names: %s", got)
	}
	if got := mustOK(t, s, "global sql SELECT * FROM agent WHERE id = 99"); got != "[]" {
		t.Errorf("no rows: %s", got)
	}
}

func TestSQLErrors(t *testing.T) {
	s := startServer(t, newRoot(t))
	mustOK(t, s, `global insert-agent {"id":1,"name":"a1","date_add":1}`)
	for req, want := range map[string]string{
		"global sql SELECT * FROM nope":            "err Cannot execute Global database query; no such table: nope",
		"global sql SELEKT 1":                      "err Cannot execute Global database query; statement not allowed",
		"global sql SELECT * FROM agent WHERE":     `err Cannot execute Global database query; incomplete input`,
		"agent 1 sql SELECT * FROM nope":           "err Cannot execute SQL query",
		"task sql SELECT * FROM nope":              "err Cannot execute SQL query",
		"mitre sql SELECT * FROM nope":             "err Cannot execute Mitre database query; no such table: nope",
		"global sql SELECT 1; SELECT 2":            "err Cannot execute Global database query; only one statement is accepted",
		"global sql DROP TABLE agent":              "err Cannot execute Global database query; statement not allowed",
		"global sql ATTACH '/tmp/x.db' AS x":       "err Cannot execute Global database query; statement not allowed",
		"global sql":                               "err Invalid DB query syntax, near 'sql'",
		"agent 2 sql SELECT 1":                     "err Agent not found",
		"agent 1 syscheck save x":                  "err Invalid DB query syntax, near 'syscheck'",
		"task upgrade_get_status {}":               "err Invalid DB query syntax, near 'upgrade_get_status'",
		"global vacuum":                            "err Invalid DB query syntax, near 'vacuum'",
		"global insert-agent {":                    "err Invalid JSON syntax, near '{'",
		`global insert-agent {"name":"x"}`:         "err Invalid JSON data, missing required fields",
		"global get-groups-integrity abc":          "err Hash hex-digest does not have the expected length. Expected (40) got (3)",
		"global get-all-agents":                    "err Invalid DB query syntax, near 'get-all-agents'",
		"global get-all-agents last":               "err Invalid arguments 'last_id' not found",
		"global get-agents-by-connection-status 0": "err Invalid arguments 'connection_status' not found",
	} {
		if got := query(t, s, req); got != want {
			t.Errorf("%s\n got  %s\n want %s", req, got, want)
		}
	}
	if got := mustOK(t, s, "global sql SELECT count(*) AS n FROM agent"); got != `[{"n":2}]` {
		t.Errorf("refused statements changed the database: %s", got)
	}
}

func TestSQLWrites(t *testing.T) {
	s := startServer(t, newRoot(t))
	mustOK(t, s, `global insert-agent {"id":1,"name":"a1","date_add":1}`)
	if got := mustOK(t, s, "global sql UPDATE agent SET os_name = 'Ubuntu' WHERE id = 1"); got != "[]" {
		t.Errorf("update reply %s", got)
	}
	if got := mustOK(t, s, "agent 1 sql delete from fim_entry"); got != "[]" {
		t.Errorf("delete reply %s", got)
	}
	if got := mustOK(t, s, "agent 1 rootcheck delete"); got != "0" {
		t.Errorf("rootcheck delete reply %s", got)
	}
	ro := startServer(t, newRoot(t), WithReadOnlySQL())
	if got := query(t, ro, "global sql UPDATE agent SET name = 'x'"); got != "err Cannot execute Global database query; only SELECT statements are accepted" {
		t.Errorf("read-only mode: %s", got)
	}
}

// seedAgents inserts n minimal agents with plain SQL (insert-agent would
// also create a database per agent).
func seedAgents(t testing.TB, s *Server, n int) {
	t.Helper()
	for start := 1; start <= n; start += 200 {
		var rows []string
		for i := start; i <= n && i < start+200; i++ {
			rows = append(rows, fmt.Sprintf("(%d,'agent-%05d','10.0.%d.%d','any','%064d',%d)", i, i, i/256, i%256, i, 1700000000+i))
		}
		mustOK(t, s, "global sql INSERT INTO agent (id, name, ip, register_ip, internal_key, date_add) VALUES "+strings.Join(rows, ","))
	}
}

// pageAll reads "SELECT ... LIMIT n OFFSET m" the way the client does:
// rows of cut replies are kept and the next page starts after them.
func pageAll(t *testing.T, s *Server, ss *session, base string, step int) []string {
	t.Helper()
	var ids []string
	off := 0
	for {
		r := string(s.handle(t.Context(), ss, []byte(fmt.Sprintf("global sql %s LIMIT %d OFFSET %d", base, step, off))))
		if !strings.HasPrefix(r, "ok [") {
			t.Fatalf("reply %.80s", r)
		}
		got := 0
		for _, part := range strings.Split(r, `{"id":`)[1:] {
			if !strings.Contains(part, "}") {
				break // the row that was cut
			}
			ids = append(ids, part[:strings.IndexAny(part, ",}")])
			got++
		}
		off += got
		if strings.HasSuffix(r, "]") && got < step {
			return ids
		}
	}
}

// TestPagingWithCursor pages through replies larger than a frame and checks
// the result matches a plain query, also when writes land between pages.
func TestPagingWithCursor(t *testing.T) {
	s := startServer(t, newRoot(t))
	seedAgents(t, s, 1500)
	ss := newSession(s)
	defer ss.close()
	ids := pageAll(t, s, ss, "SELECT id, name, ip, internal_key FROM agent ORDER BY id", 700)
	if len(ids) != 1501 || ids[0] != "0" || ids[1500] != "1500" {
		t.Fatalf("got %d ids, first %s", len(ids), ids[0])
	}
	// A write between pages invalidates the open cursor: the next page must
	// see the new row, exactly like a fresh query would.
	r := string(s.handle(t.Context(), ss, []byte("global sql SELECT id, internal_key FROM agent ORDER BY id LIMIT 1000 OFFSET 0")))
	if strings.HasSuffix(r, "]") {
		t.Fatal("expected a cut reply")
	}
	n := strings.Count(r, `"}`)
	mustOK(t, s, "global sql DELETE FROM agent WHERE id = 1")
	r2 := string(s.handle(t.Context(), ss, []byte(fmt.Sprintf("global sql SELECT id, internal_key FROM agent ORDER BY id LIMIT %d OFFSET %d", 1000-n, n))))
	want := fmt.Sprintf(`[{"id":%d,`, n+1)
	if !strings.HasPrefix(r2, "ok "+want) {
		t.Fatalf("page after write starts %.40s, want %s", r2, want)
	}
}

func TestSQLLimitAfterLineComment(t *testing.T) {
	s := startServer(t, newRoot(t))
	seedAgents(t, s, 5)
	got := mustOK(t, s, "global sql SELECT id FROM agent -- note\nLIMIT 2 OFFSET 3")
	if got != `[{"id":3},{"id":4}]` {
		t.Errorf("got %s", got)
	}
}

func TestAgentDatabases(t *testing.T) {
	root := newRoot(t)
	s := startServer(t, root)
	seedAgents(t, s, 2)
	if got := mustOK(t, s, "agent 001 sql SELECT value FROM metadata WHERE key = 'db_version'"); got != `[{"value":"16"}]` {
		t.Errorf("agent db_version = %s", got)
	}
	if got := mustOK(t, s, "agent 0 sql SELECT count(*) AS n FROM sync_info"); got != `[{"n":18}]` {
		t.Errorf("manager db sync_info = %s", got)
	}
	if got := mustOK(t, s, "wazuhdb remove 1 3 abc 0"); got != `{"agents":{"1":"Ok","3":"DB not found","abc":"Invalid agent ID","0":"Invalid agent ID"}}` {
		t.Errorf("remove = %s", got)
	}
	if got := mustOK(t, s, "agent 1 sql SELECT count(*) AS n FROM fim_entry"); got != `[{"n":0}]` {
		t.Errorf("recreated agent db: %s", got)
	}
}
