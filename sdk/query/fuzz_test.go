package query

import (
	"net/url"
	"strings"
	"testing"
)

// balanced reports whether parentheses outside quotes never go negative
// and end at zero.
func balanced(sql string) bool {
	depth := 0
	var quote byte
	for i := 0; i < len(sql); i++ {
		switch c := sql[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0 && quote == 0
}

// checkQuery asserts the invariants of any compiled query.
func checkQuery(t *testing.T, q *Query) {
	t.Helper()
	if n := placeholders(q.SQL); n != len(q.Args) {
		t.Fatalf("%d placeholders, %d args: %s", n, len(q.Args), q.SQL)
	}
	if n := placeholders(q.CountSQL); n != len(q.CountArgs) {
		t.Fatalf("%d count placeholders, %d args: %s", n, len(q.CountArgs), q.CountSQL)
	}
	if !balanced(q.SQL) || !balanced(q.CountSQL) {
		t.Fatalf("unbalanced SQL: %s", q.SQL)
	}
	if _, err := Inline(q.SQL, q.Args); err != nil {
		t.Fatalf("inline: %v", err)
	}
}

// allowedCodes asserts err is nil or carries one of codes.
func allowedCodes(t *testing.T, what string, code int, codes ...int) {
	t.Helper()
	for _, c := range codes {
		if code == c {
			return
		}
	}
	t.Fatalf("%s: unexpected code %d", what, code)
}

func FuzzParseWQL(f *testing.F) {
	f.Fuzz(func(t *testing.T, q string) {
		clauses, err := ParseWQL(q)
		if err != nil {
			allowedCodes(t, "parse", err.Code, 1407)
			if err.Message != "Query does not match expected format: "+q {
				t.Fatalf("message %q", err.Message)
			}
			return
		}
		for _, c := range clauses {
			if c.Field == "" || c.Value == "" || len(c.Op) < 1 || len(c.Op) > 2 ||
				strings.Trim(c.Op, "=!<>~") != "" || (c.Sep != "" && c.Sep != ";" && c.Sep != ",") {
				t.Fatalf("bad clause %+v", c)
			}
		}
		for _, search := range []*Search{nil, {Value: q}} {
			cq, err := agents.Compile(Params{Limit: 10, Q: q, Search: search})
			if err != nil {
				allowedCodes(t, "compile", err.Code, 1407, 1408, 1409, 1411, 1412, 2003)
				continue
			}
			checkQuery(t, cq)
		}
		_, _, aerr := ApplyArray(groupsFixture(), Params{Limit: 10, Q: q}, ArrayOptions{})
		if aerr != nil {
			allowedCodes(t, "array", aerr.Code, 1407, 1409)
		}
	})
}

func FuzzParseSort(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw string) {
		s, err := ParseSortParam(url.Values{"sort": {raw}})
		if err != nil {
			if err.Code != 0 || err.Status() != 400 || ValidSort(raw) {
				t.Fatalf("error %v for %q", err, raw)
			}
			return
		}
		if len(s.Fields) == 0 || !ValidSort(raw) {
			t.Fatalf("bad sort %+v for %q", s, raw)
		}
		joined := strings.Join(s.Fields, ",")
		if joined != raw && "-"+joined != raw && "+"+joined != raw {
			t.Fatalf("fields %q do not rebuild %q", s.Fields, raw)
		}
		q, cerr := agents.Compile(Params{Limit: 10, Sort: s})
		if cerr != nil {
			allowedCodes(t, "compile", cerr.Code, 1403)
		} else {
			checkQuery(t, q)
		}
		if _, _, aerr := ApplyArray(groupsFixture(), Params{Limit: 10, Sort: s}, ArrayOptions{}); aerr != nil {
			allowedCodes(t, "array", aerr.Code, 1403)
		}
	})
}

func FuzzParseSelect(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw string) {
		sel, err := ParseSelectParam(url.Values{"select": {raw}})
		if err != nil {
			if err.Code != 0 || err.Status() != 400 {
				t.Fatalf("error %v", err)
			}
			return
		}
		for _, s := range sel {
			if !ValidNames(s) {
				t.Fatalf("invalid name %q accepted", s)
			}
		}
		for _, distinct := range []bool{false, true} {
			q, cerr := agents.Compile(Params{Limit: 10, Select: sel, Distinct: distinct})
			if cerr != nil {
				allowedCodes(t, "compile", cerr.Code, 1724)
				continue
			}
			checkQuery(t, q)
			for _, c := range q.Columns {
				if f, ok := agents.Field(c); !ok || f.Flags&NoSelect != 0 {
					t.Fatalf("column %q selected", c)
				}
			}
		}
		if _, _, aerr := ApplyArray(groupsFixture(), Params{Limit: 10, Select: sel}, ArrayOptions{}); aerr != nil {
			allowedCodes(t, "array", aerr.Code, 1724)
		}
	})
}

func FuzzParseSearch(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw string) {
		s, err := ParseSearchParam(url.Values{"search": {raw}})
		if err != nil {
			if err.Code != 0 || err.Status() != 400 || ValidSearch(raw) {
				t.Fatalf("error %v for %q", err, raw)
			}
			return
		}
		if s.Negate != strings.HasPrefix(raw, "-") || (s.Negate && "-"+s.Value != raw) {
			t.Fatalf("bad search %+v for %q", s, raw)
		}
		q, cerr := agents.Compile(Params{Limit: 10, Search: s})
		if cerr != nil {
			t.Fatalf("compile: %v", cerr)
		}
		checkQuery(t, q)
		if _, _, aerr := ApplyArray(groupsFixture(), Params{Limit: 10, Search: s}, ArrayOptions{}); aerr != nil {
			t.Fatalf("array: %v", aerr)
		}
	})
}
