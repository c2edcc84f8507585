package query

import (
	"reflect"
	"strings"
	"testing"
)

// where extracts the WHERE clause of a compiled page query.
func where(sql string) string {
	i := strings.Index(sql, " WHERE ")
	if i < 0 {
		return ""
	}
	s := sql[i+len(" WHERE "):]
	if j := strings.Index(s, " ORDER BY "); j >= 0 {
		s = s[:j]
	}
	return strings.TrimSuffix(s, " LIMIT ? OFFSET ?")
}

func TestCompileWQL(t *testing.T) {
	cases := []struct {
		q     string
		where string
		args  []any
	}{
		{"status=active", "((connection_status = ? COLLATE NOCASE))", []any{"active"}},
		{"status=active;name~web,os.platform=ubuntu",
			"((connection_status = ? COLLATE NOCASE) AND (name LIKE ? COLLATE NOCASE) OR (os_platform = ? COLLATE NOCASE))",
			[]any{"active", "%web%", "ubuntu"}},
		{"(status=active,status=pending);name=x",
			"(((connection_status = ? COLLATE NOCASE) OR (connection_status = ? COLLATE NOCASE)) AND (name = ? COLLATE NOCASE))",
			[]any{"active", "pending", "x"}},
		{"status=active&junk", "((connection_status = ? COLLATE NOCASE))", []any{"active"}},
		{"name=a b", "((name = ? COLLATE NOCASE))", []any{"a b"}},
		{"name~50%_x", "((name LIKE ? COLLATE NOCASE))", []any{"%50%_x%"}},
		{"id=1", "((id = ? COLLATE NOCASE))", []any{"1"}},
		// quotes become _ and the comparison a LIKE (!= loses its negation)
		{"name='x'", "((name LIKE ? COLLATE NOCASE))", []any{"_x_"}},
		{`name!="x"`, "((name LIKE ? COLLATE NOCASE))", []any{"_x_"}},
		{`name~"x`, "((name LIKE ? COLLATE NOCASE))", []any{"%_x%"}},
		{"name=null", "((name IS null))", nil},
		{"name!=null", "((name IS null))", nil},
		{"status=all", "", nil},
		{"status=all;name=x", "((name = ? COLLATE NOCASE))", []any{"x"}},
		{"group=default", "(((',' || `group` || ',') LIKE ?))", []any{"%,default,%"}},
		{"group!=default", "((NOT (',' || `group` || ',') LIKE ?))", []any{"%,default,%"}},
		{"group~def", "((`group` LIKE ?))", []any{"%def%"}},
		{"group=null", "((`group` IS null))", nil},
		{"lastKeepAlive<7d",
			"((last_keepalive IS NOT NULL AND last_keepalive > strftime('%s', 'now') - ? AND id != 0))",
			[]any{int64(604800)}},
		{"lastKeepAlive=7d",
			"((last_keepalive IS NOT NULL AND last_keepalive > strftime('%s', 'now') - ? AND id != 0))",
			[]any{int64(604800)}},
		{"lastKeepAlive>7d",
			"((last_keepalive IS NOT NULL AND last_keepalive < strftime('%s', 'now') - ? AND id != 0))",
			[]any{int64(604800)}},
		{"lastKeepAlive<3600",
			"((last_keepalive IS NOT NULL AND last_keepalive > strftime('%s', 'now') - ? AND id != 0))",
			[]any{int64(3600)}},
		{"dateAdd>2021-01-01",
			"((date_add IS NOT NULL AND date_add > strftime('%s', ?) AND id != 0))", []any{"2021-01-01"}},
		{"dateAdd<2021-01-01 10:00:00",
			"((date_add IS NOT NULL AND date_add < strftime('%s', ?) AND id != 0))", []any{"2021-01-01 10:00:00"}},
		{"version=Wazuhv4.2.0", "((version = ? COLLATE NOCASE))", []any{"Wazuh v4.2.0"}},
		{"name=[1, 2]", "((name = ? COLLATE NOCASE))", []any{"[1,2]"}},
	}
	for _, c := range cases {
		q, err := agents.Compile(Params{Limit: 500, Select: []string{"name"}, Q: c.q})
		if err != nil {
			t.Errorf("%q: %v", c.q, err)
			continue
		}
		if got := where(q.SQL); got != c.where {
			t.Errorf("%q:\n got %s\nwant %s", c.q, got, c.where)
		}
		if !reflect.DeepEqual(q.CountArgs, c.args) && !(len(c.args) == 0 && len(q.CountArgs) == 0) {
			t.Errorf("%q: args %#v, want %#v", c.q, q.CountArgs, c.args)
		}
	}
}

const agentFields = "dateAdd, group, id, ip, lastKeepAlive, manager, name, node_name, os.name, os.platform, " +
	"os.version, status, version"

func TestCompileErrors(t *testing.T) {
	const wdb = "Error in wazuhdb request: Cannot execute Global database query; "
	cases := []struct {
		p    Params
		code int
		msg  string
	}{
		{Params{Limit: 0}, 1406, "0 is not a valid limit"},
		{Params{Limit: 100001}, 1405, "Specified limit exceeds maximum allowed: 100001"},
		{Params{Limit: 5, Q: "foo=1"}, 1408, "Field does not exist: Available fields: " + agentFields + ". Field: foo"},
		{Params{Limit: 5, Q: "internal_key=x"}, 1408,
			"Field does not exist: Available fields: " + agentFields + ". Field: internal_key"},
		{Params{Limit: 5, Q: "name<=x"}, 1409,
			"Invalid query operator: Valid operators: =, !=, <, >, ~. Used operator: <="},
		{Params{Limit: 5, Q: "name==x"}, 1409,
			"Invalid query operator: Valid operators: =, !=, <, >, ~. Used operator: =="},
		{Params{Limit: 5, Q: "group<x"}, 1409,
			"Invalid query operator: Valid operators for 'group' field: =, !=, ~. Used operator: <"},
		{Params{Limit: 5, Q: "!status=active"}, 1407, "Query does not match expected format: !status=active"},
		{Params{Limit: 5, Q: "dateAdd<yesterday"}, 1412, "Date filter not valid. Valid formats are " +
			"YYYY-MM-DD HH:mm:ss, YYYY-MM-DDTHH:mm:ssZ or YYYY-MM-DD: yesterday"},
		{Params{Limit: 5, Q: "lastKeepAlive<1d2x"}, 1411, "TimeFrame is not valid: 1d2x"},
		{Params{Limit: 5, Sort: &Sort{Fields: []string{" name"}}}, 1403,
			"Not a valid sort field: Allowed sort fields: " + agentFields + ". Fields:  name"},
		{Params{Limit: 5, Sort: &Sort{Fields: []string{"internal_key", "x", "x"}}}, 1403,
			"Not a valid sort field: Allowed sort fields: " + agentFields + ". Fields: internal_key, x"},
		{Params{Limit: 5, Select: []string{"os", "name", "internal_key"}}, 1724,
			"Not a valid select field: Allowed select fields: " + agentFields + ". Fields: os, internal_key"},
		// q errors come before sort errors, sort errors before wazuh-db's
		{Params{Limit: 5, Sort: &Sort{Fields: []string{"x"}}, Q: "dateAdd<x"}, 1412,
			"Date filter not valid. Valid formats are YYYY-MM-DD HH:mm:ss, YYYY-MM-DDTHH:mm:ssZ or YYYY-MM-DD: x"},
		{Params{Limit: 5, Sort: &Sort{Fields: []string{"x"}}, Q: "name=a,b"}, 1403,
			"Not a valid sort field: Allowed sort fields: " + agentFields + ". Fields: x"},
		// malformed SQL is wazuh-db's 2003
		{Params{Limit: 5, Q: "name=a,b"}, 2003, wdb + `near ")": syntax error`},
		{Params{Limit: 5, Q: "name=a;", Search: &Search{Value: "x"}}, 2003, wdb + `near "AND": syntax error`},
		{Params{Limit: 5, Q: "(name=a"}, 2003, wdb + "incomplete input"},
		{Params{Limit: 5, Q: "name=a)"}, 2003, wdb + `near ")": syntax error`},
		{Params{Limit: 5, Q: "name=a);name=b"}, 2003, wdb + `near "AND": syntax error`},
		{Params{Limit: 5, Q: "name=a&name=b"}, 2003, wdb + `near "(": syntax error`},
		{Params{Limit: 5, Q: "name=x,status=all"}, 2003, wdb + `near ")": syntax error`},
	}
	for _, c := range cases {
		_, err := agents.Compile(c.p)
		t.Run(c.msg, func(t *testing.T) { wantErr(t, err, c.code, 400, c.msg) })
	}
	agentDB := MustCatalogue(Catalogue{From: "fim_entry", Backend: BackendAgent,
		Fields: []Field{{Name: "file", Expr: "file"}}})
	_, err := agentDB.Compile(Params{Limit: 5, Q: "file=a,"})
	wantErr(t, err, 2003, 400, "Error in wazuhdb request: Cannot execute SQL query")
}

func TestCompileStatements(t *testing.T) {
	q, err := agents.Compile(Params{Offset: 10, Limit: 20, Select: []string{"os.name", "name", "os.name"},
		Sort: &Sort{Fields: []string{"os.version", "name"}, Desc: true}, Q: "status=active"},
		Where(In("id", false, 1, 2)), Filter("status", "active", "all", "null"), Filter("os.platform", "all"))
	if err != nil {
		t.Fatal(err)
	}
	const base = `SELECT os_name AS "os.name", name AS "name", id AS "id" FROM agent WHERE (id IN (?,?)) AND ` +
		`(((connection_status = ? COLLATE NOCASE) OR (connection_status IS null))) AND ` +
		`((connection_status = ? COLLATE NOCASE))`
	if q.CountSQL != "SELECT COUNT(*) FROM ("+base+")" {
		t.Errorf("count:\n%s", q.CountSQL)
	}
	want := base + " ORDER BY CAST(os_major AS INTEGER) DESC, CAST(os_minor AS INTEGER) DESC, name DESC LIMIT ? OFFSET ?"
	if q.SQL != want {
		t.Errorf("select:\n got %s\nwant %s", q.SQL, want)
	}
	if !reflect.DeepEqual(q.Args, []any{1, 2, "active", "active", 20, 10}) {
		t.Errorf("args %#v", q.Args)
	}
	if !reflect.DeepEqual(q.Columns, []string{"os.name", "name", "id"}) {
		t.Errorf("columns %v", q.Columns)
	}
}

func TestCompileDefaultsAndDistinct(t *testing.T) {
	q, err := agents.Compile(Params{Limit: NoLimit})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(q.SQL, " FROM agent ORDER BY id ASC LIMIT ? OFFSET ?") || len(q.Columns) != 13 {
		t.Errorf("default: %s %v", q.SQL, q.Columns)
	}
	if !reflect.DeepEqual(q.Args, []any{-1, 0}) {
		t.Errorf("args %#v", q.Args)
	}
	q, err = agents.Compile(Params{Limit: 5, Select: []string{"os.name", "os.platform"}, Distinct: true,
		Sort: &Sort{Desc: true}})
	if err != nil {
		t.Fatal(err)
	}
	want := `SELECT DISTINCT os_name AS "os.name", os_platform AS "os.platform" FROM agent WHERE ` +
		`(os_name IS NOT null AND os_name != '' AND os_platform IS NOT null AND os_platform != '') ` +
		`ORDER BY id DESC LIMIT ? OFFSET ?`
	if q.SQL != want || q.Flatten {
		t.Errorf("distinct:\n got %s\nwant %s", q.SQL, want)
	}
	single := MustCatalogue(Catalogue{From: "pm_event", SingleDistinct: true, DefaultSort: "date_last",
		DefaultDesc: true, Fields: []Field{{Name: "log", Expr: "log"}, {Name: "cis", Expr: "cis"}}})
	_, err = single.Compile(Params{Limit: 5, Select: []string{"log", "cis"}, Distinct: true})
	wantErr(t, err, 1410, 400, "Selecting more than one field in distinct mode")
	q, err = single.Compile(Params{Limit: 5, Select: []string{"log"}, Distinct: true})
	if err != nil || !q.Flatten || !strings.Contains(q.SQL, "ORDER BY date_last DESC") {
		t.Errorf("single distinct: %v %+v", err, q)
	}
}

func TestCompileSearch(t *testing.T) {
	q, err := agents.Compile(Params{Limit: 5, Select: []string{"id"}, Search: &Search{Value: "001"}})
	if err != nil {
		t.Fatal(err)
	}
	w := where(q.SQL)
	if !strings.HasPrefix(w, "(((name LIKE ? AND name IS NOT NULL) OR ") ||
		!strings.Contains(w, "(internal_key LIKE ? AND internal_key IS NOT NULL)") ||
		!strings.HasSuffix(w, " OR id LIKE ?))") || strings.Contains(w, "(id LIKE") {
		t.Errorf("search: %s", w)
	}
	if got := q.CountArgs[len(q.CountArgs)-1]; got != int64(1) {
		t.Errorf("id arg %#v", got)
	}
	if q.CountArgs[0] != "%001%" || len(q.CountArgs) != placeholders(q.CountSQL) {
		t.Errorf("args %#v", q.CountArgs)
	}
	q, _ = agents.Compile(Params{Limit: 5, Search: &Search{Value: `a'b"`, Negate: true}})
	w = where(q.SQL)
	if !strings.HasPrefix(w, "(NOT ((") || q.CountArgs[0] != "%a_b_%" || q.CountArgs[len(q.CountArgs)-1] != `a'b"` {
		t.Errorf("negated: %s %#v", w, q.CountArgs)
	}
}

func TestInline(t *testing.T) {
	q, err := agents.Compile(Params{Limit: 5, Select: []string{"name"}, Q: "name=it's"})
	if err != nil {
		t.Fatal(err)
	}
	got, ierr := Inline(q.SQL, q.Args)
	if ierr != nil {
		t.Fatal(ierr)
	}
	want := `SELECT name AS "name", id AS "id" FROM agent WHERE ((name LIKE 'it_s' COLLATE NOCASE)) ` +
		`ORDER BY id ASC LIMIT 5 OFFSET 0`
	if got != want {
		t.Errorf("got %s", got)
	}
	got, _ = Inline("a = ? AND b = '?' AND c = ?", []any{"x'y", nil})
	if got != "a = 'x''y' AND b = '?' AND c = NULL" {
		t.Errorf("got %s", got)
	}
	if _, err := Inline("?", nil); err == nil {
		t.Error("missing argument accepted")
	}
}

func TestNest(t *testing.T) {
	got := Nest(map[string]any{"os.name": "Ubuntu", "os.version": "20.04", "id": "001"})
	want := map[string]any{"os": map[string]any{"name": "Ubuntu", "version": "20.04"}, "id": "001"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v", got)
	}
}

func TestNewCatalogueErrors(t *testing.T) {
	bad := []Catalogue{
		{Fields: []Field{{Name: "a", Expr: "a"}}},
		{From: "t", Fields: []Field{{Name: "a", Expr: "a"}, {Name: "a", Expr: "b"}}},
		{From: "t", Fields: []Field{{Name: "a"}}},
		{From: "t", Fields: []Field{{Name: "a", Expr: "a"}}, MinSelect: []string{"id"}},
	}
	for i, c := range bad {
		if _, err := NewCatalogue(c); err == nil {
			t.Errorf("%d: accepted", i)
		}
	}
}

func TestCompileLegacyFilters(t *testing.T) {
	q, err := agents.Compile(Params{Limit: 5, Select: []string{"id"}, Q: "name=x"},
		Filter("group", "default", "g1"), Filter("name", "it's"), Filter("lastKeepAlive", "1h"))
	if err != nil {
		t.Fatal(err)
	}
	want := "((((',' || `group` || ',') LIKE ?) OR ((',' || `group` || ',') LIKE ?)) AND " +
		"((name LIKE ? COLLATE NOCASE)) AND ((last_keepalive IS NOT NULL AND last_keepalive > " +
		"strftime('%s', 'now') - ? AND id != 0))) AND ((name = ? COLLATE NOCASE))"
	if got := where(q.SQL); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if !reflect.DeepEqual(q.CountArgs, []any{"%,default,%", "%,g1,%", "it_s", int64(3600), "x"}) {
		t.Errorf("args %#v", q.CountArgs)
	}
	_, err = agents.Compile(Params{Limit: 5}, Filter("dateAdd", "soon"))
	wantErr(t, err, 1412, 400, "Date filter not valid. Valid formats are YYYY-MM-DD HH:mm:ss, "+
		"YYYY-MM-DDTHH:mm:ssZ or YYYY-MM-DD: soon")
}
