package sqltext

import (
	"errors"
	"testing"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		in       string
		write    bool
		stmt     string
		readOnly bool
		err      error
	}{
		{"SELECT * FROM agent", false, "SELECT * FROM agent", true, nil},
		{"  select 1 ;  ", false, "select 1", true, nil},
		{"SELECT 1;;", false, "SELECT 1", true, nil},
		{"SELECT 1; -- trailing comment", false, "SELECT 1", true, nil},
		{"SELECT ';' AS x", false, "SELECT ';' AS x", true, nil},
		{`SELECT "a;b" FROM t`, false, `SELECT "a;b" FROM t`, true, nil},
		{"SELECT [x;y] FROM t", false, "SELECT [x;y] FROM t", true, nil},
		{"SELECT 'it''s' /* ; */", false, "SELECT 'it''s' /* ; */", true, nil},
		{"WITH a AS (SELECT 1) SELECT * FROM a", false, "WITH a AS (SELECT 1) SELECT * FROM a", true, nil},
		{"VALUES (1),(2)", false, "VALUES (1),(2)", true, nil},
		{"SELECT 1; SELECT 2", true, "", false, ErrMultiple},
		{"SELECT 1; DROP TABLE agent", true, "", false, ErrMultiple},
		{"DROP TABLE agent", true, "", false, ErrForbidden},
		{"PRAGMA writable_schema=1", true, "", false, ErrForbidden},
		{"ATTACH DATABASE '/tmp/x' AS x", true, "", false, ErrForbidden},
		{"BEGIN", true, "", false, ErrForbidden},
		{"VACUUM", true, "", false, ErrForbidden},
		{"DELETE FROM fim_entry", false, "", false, ErrReadOnly},
		{"DELETE FROM fim_entry", true, "DELETE FROM fim_entry", false, nil},
		{"update agent set name = 'x' where id = 1", true, "update agent set name = 'x' where id = 1", false, nil},
		{"WITH a AS (SELECT 1) DELETE FROM t WHERE id IN a", false, "", false, ErrReadOnly},
		{"", false, "", false, ErrEmpty},
		{"  -- only a comment", false, "", false, ErrEmpty},
		{"SELECT 'unterminated", false, "", false, ErrUnterminated},
		{"SELECT 1 /* open", false, "", false, ErrUnterminated},
	}
	for _, tc := range tests {
		stmt, ro, err := Check(tc.in, tc.write)
		if !errors.Is(err, tc.err) || stmt != tc.stmt || ro != tc.readOnly {
			t.Errorf("Check(%q, %v) = %q, %v, %v; want %q, %v, %v", tc.in, tc.write, stmt, ro, err, tc.stmt, tc.readOnly, tc.err)
		}
	}
}

func TestSplitLimit(t *testing.T) {
	tests := []struct {
		in string
		p  Paging
		ok bool
	}{
		{"SELECT * FROM agent", Paging{Base: "SELECT * FROM agent", Limit: -1}, true},
		{"select * from agent limit 500 offset 1000", Paging{Base: "select * from agent", Limit: 500, Offset: 1000, HasLimit: true}, true},
		{"SELECT * FROM agent LIMIT 10", Paging{Base: "SELECT * FROM agent", Limit: 10, HasLimit: true}, true},
		{"SELECT * FROM agent LIMIT 5, 20;", Paging{Base: "SELECT * FROM agent", Limit: 20, Offset: 5, HasLimit: true}, true},
		{"SELECT * FROM agent LIMIT -1 OFFSET 3", Paging{Base: "SELECT * FROM agent", Limit: -1, Offset: 3, HasLimit: true}, true},
		{"SELECT * FROM (SELECT id FROM agent LIMIT 3) ORDER BY id", Paging{Base: "SELECT * FROM (SELECT id FROM agent LIMIT 3) ORDER BY id", Limit: -1}, true},
		{"SELECT 'limit 5' FROM agent", Paging{Base: "SELECT 'limit 5' FROM agent", Limit: -1}, true},
		{"SELECT * FROM agent LIMIT :limit OFFSET :offset", Paging{}, false},
		{"SELECT * FROM agent LIMIT 1+1", Paging{}, false},
		{"SELECT * FROM agent LIMIT 10 OFFSET", Paging{}, false},
	}
	for _, tc := range tests {
		p, ok := SplitLimit(tc.in)
		if ok != tc.ok || (ok && p != tc.p) {
			t.Errorf("SplitLimit(%q) = %+v, %v; want %+v, %v", tc.in, p, ok, tc.p, tc.ok)
		}
	}
}

func TestWithLimitAfterComment(t *testing.T) {
	if got := WithLimit("select 1", 5, 10); got != "select 1 limit 5 offset 10" {
		t.Errorf("WithLimit = %q", got)
	}
	if got := AppendLimit("select 1 -- note", 5, 10); got != "select 1 -- note\nLIMIT 5 OFFSET 10" {
		t.Errorf("AppendLimit = %q", got)
	}
	p, ok := SplitLimit(WithLimit("select 1 -- note", 5, 10))
	if !ok || p.Limit != 5 || p.Offset != 10 {
		t.Errorf("round trip = %+v, %v", p, ok)
	}
}

func TestLowerOutsideQuotes(t *testing.T) {
	in := `SELECT Name, "ID" FROM Agent WHERE name = 'Mixed Case' AND os = 'Ñu' OR x = 'ÁB' AND Ä = 1`
	want := `select name, "id" from agent where name = 'Mixed Case' and os = 'Ñu' or x = 'ÁB' and ä = 1`
	if got := LowerOutsideQuotes(in); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestMainVerb(t *testing.T) {
	for in, want := range map[string]string{
		"select 1":                                 "SELECT",
		"/* c */ Insert into t values (1)":         "INSERT",
		"WITH RECURSIVE c(x) AS (SELECT 1) SELECT": "SELECT",
		"with a as (select 1) update t set x = 1":  "UPDATE",
		"": "",
	} {
		if got := MainVerb(in); got != want {
			t.Errorf("MainVerb(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzCheck makes sure the statement guard never panics and that what it
// accepts holds a single statement.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"SELECT 1", "SELECT 1; SELECT 2", "SELECT ';'", "/* x */ SELECT [a;b]", "SELECT 'a", "WITH a AS (SELECT 1) SELECT 1 -- x"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, q string, write bool) {
		stmt, _, err := Check(q, write)
		if err != nil {
			return
		}
		if _, _, err := Check(stmt, write); err != nil {
			t.Fatalf("accepted %q but its statement %q fails: %v", q, stmt, err)
		}
		_, _ = SplitLimit(stmt)
	})
}
