package query

import (
	"reflect"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk/pyjson"
)

func groupsFixture() []map[string]any {
	return []map[string]any{
		{"name": "default", "count": 5, "mergedSum": "abab", "configSum": "cdcd"},
		{"name": "Group1", "count": 2, "mergedSum": "efef", "configSum": "ghgh"},
		{"name": "group2", "count": 0, "mergedSum": nil, "configSum": "ijij"},
	}
}

// names lists the "name" of each item.
func names(items []map[string]any) []any {
	out := []any{}
	for _, it := range items {
		out = append(out, it["name"])
	}
	return out
}

func TestApplyArray(t *testing.T) {
	cases := []struct {
		desc  string
		p     Params
		want  []any
		total int
	}{
		{"default sort is case-insensitive", Params{Limit: 500}, []any{"default", "Group1", "group2"}, 3},
		{"sort desc numeric", Params{Limit: 500, Sort: &Sort{Fields: []string{"count"}, Desc: true}},
			[]any{"default", "Group1", "group2"}, 3},
		{"sort asc numeric", Params{Limit: 500, Sort: &Sort{Fields: []string{"count"}}},
			[]any{"group2", "Group1", "default"}, 3},
		{"= is case-sensitive", Params{Limit: 500, Q: "name=group1"}, []any{}, 0},
		{"= exact", Params{Limit: 500, Q: "name=Group1"}, []any{"Group1"}, 1},
		{"~ substring", Params{Limit: 500, Q: "name~roup"}, []any{"Group1", "group2"}, 2},
		{"~ is case-sensitive", Params{Limit: 500, Q: "name~GROUP"}, []any{}, 0},
		{"int cast", Params{Limit: 500, Q: "count>1"}, []any{"default", "Group1"}, 2},
		{"int cast with spaces", Params{Limit: 500, Q: "count= 2"}, []any{"Group1"}, 1},
		{"unknown field is false", Params{Limit: 500, Q: "nope=x"}, []any{}, 0},
		{"unknown field in OR", Params{Limit: 500, Q: "nope=x,name=default"}, []any{"default"}, 1},
		{"AND binds tighter", Params{Limit: 500, Q: "name=default;count=0,count=0"},
			[]any{"group2"}, 1},
		{"parentheses swallowed", Params{Limit: 500, Q: "(name=default)"}, []any{"default"}, 1},
		{"trailing garbage ignored", Params{Limit: 500, Q: "name=default*"}, []any{"default"}, 1},
		{"lazy: bad OR term never reached", Params{Limit: 500, Q: "count>-1,!!!"},
			[]any{"default", "Group1", "group2"}, 3},
		{"search case-insensitive", Params{Limit: 500, Search: &Search{Value: "GROUP"}},
			[]any{"Group1", "group2"}, 2},
		{"search negated", Params{Limit: 500, Search: &Search{Value: "group", Negate: true}}, []any{"default"}, 1},
		{"search str(int)", Params{Limit: 500, Search: &Search{Value: "5"}}, []any{"default"}, 1},
		{"search str(None)", Params{Limit: 500, Search: &Search{Value: "none"}}, []any{"group2"}, 1},
		{"search=- is no search", Params{Limit: 500, Search: &Search{Value: "", Negate: true}},
			[]any{"default", "Group1", "group2"}, 3},
		{"pagination keeps total", Params{Offset: 1, Limit: 1}, []any{"Group1"}, 3},
		{"offset past the end", Params{Offset: 9, Limit: 1}, []any{}, 3},
	}
	opts := ArrayOptions{DefaultSort: []string{"name"}, Required: []string{"name"}}
	for _, c := range cases {
		got, total, err := ApplyArray(groupsFixture(), c.p, opts)
		if err != nil {
			t.Errorf("%s: %v", c.desc, err)
			continue
		}
		if !reflect.DeepEqual(names(got), c.want) || total != c.total {
			t.Errorf("%s: got %v (%d), want %v (%d)", c.desc, names(got), total, c.want, c.total)
		}
	}
}

func TestApplyArrayErrors(t *testing.T) {
	opts := ArrayOptions{DefaultSort: []string{"name"}, Required: []string{"name"}}
	cases := []struct {
		p        Params
		code     int
		status   int
		msg, rem string
	}{
		{Params{Limit: 5, Sort: &Sort{Fields: []string{"bad", "name"}}}, 1403, 400, "Not a valid sort field",
			"Please, use only allowed sort fields: Allowed sort fields: configSum, count, mergedSum, name. " +
				"Wrong fields: bad"},
		{Params{Limit: 5, Q: "!!!"}, 1407, 400,
			"Query does not match expected format: Parameter 'q' is not valid: '!!!'", ""},
		{Params{Limit: 5, Q: "name=default,"}, 1407, 400,
			"Query does not match expected format: Parameter 'q' is not valid: ''", ""},
		// Wazuh raises KeyError/ValueError/TypeError here (500 code 1000,
		// api-surface.md §5.2); bad input is a 400 in this project.
		{Params{Limit: 5, Q: "name<=x"}, 1409, 400,
			"Invalid query operator: Valid operators: =, !=, <, >, ~. Used operator: <=", ""},
		{Params{Limit: 5, Q: "count=abc"}, 1407, 400,
			"Query does not match expected format: Parameter 'q' is not valid: 'count=abc'", ""},
		{Params{Limit: 5, Q: "count~1"}, 1409, 400,
			"Invalid query operator: Valid operators: =, !=, <, >, ~. Used operator: ~", ""},
		{Params{Limit: 5, Q: "mergedSum<a"}, 1407, 400,
			"Query does not match expected format: Parameter 'q' is not valid: 'mergedSum<a'", ""},
		{Params{Limit: 5, Select: []string{"count", "bad", "os.name"}}, 1724, 400,
			"Not a valid select field: count, bad", "Please, use only allowed select fields"},
		{Params{Limit: 0}, 1406, 400, "0 is not a valid limit", "Please select a limit between 1 and 1000"},
		{Params{Limit: 100001}, 1405, 400, "Specified limit exceeds maximum allowed: 100001",
			"Please select a limit between 1 and 1000"},
		{Params{Offset: -1, Limit: 5}, 1400, 400, "Invalid offset", ""},
	}
	for _, c := range cases {
		_, _, err := ApplyArray(groupsFixture(), c.p, opts)
		t.Run(c.msg, func(t *testing.T) {
			wantErr(t, err, c.code, c.status, c.msg)
			if c.rem != "" && err.Remediation != c.rem {
				t.Errorf("remediation %q", err.Remediation)
			}
		})
	}
	// an empty collection never errors
	got, total, err := ApplyArray(nil, Params{Limit: 0, Q: "!!!", Sort: &Sort{Fields: []string{"x"}}}, opts)
	if err != nil || total != 0 || got == nil || len(got) != 0 {
		t.Errorf("empty: %v %d %v", got, total, err)
	}
}

func TestApplyArraySelectDistinct(t *testing.T) {
	items := []map[string]any{
		{"id": 1, "os": map[string]any{"name": "Ubuntu", "version": "20.04"}, "roles": []any{1, 2}},
		{"id": 2, "os": map[string]any{"name": "Ubuntu", "version": "22.04"}, "roles": []any{3}},
		{"id": 3, "os": map[string]any{"name": "Ubuntu", "version": "20.04"}, "roles": []any{}},
	}
	got, total, err := ApplyArray(items, Params{Limit: 500, Select: []string{"os.name", "os.version"}},
		ArrayOptions{Required: []string{"id"}})
	if err != nil || total != 3 {
		t.Fatal(err, total)
	}
	want := map[string]any{"id": 1, "os": map[string]any{"name": "Ubuntu", "version": "20.04"}}
	if !reflect.DeepEqual(got[0], want) {
		t.Errorf("select: %v", got[0])
	}
	got, total, err = ApplyArray(items, Params{Limit: 500, Select: []string{"os.version"}, Distinct: true},
		ArrayOptions{Required: []string{"id"}})
	if err != nil || total != 2 || !reflect.DeepEqual(got[1], map[string]any{"os": map[string]any{"version": "22.04"}}) {
		t.Errorf("distinct: %v %d %v", got, total, err)
	}
	// select is validated against the whole collection, even when q left nothing
	if _, total, err := ApplyArray(items, Params{Limit: 500, Q: "id=9", Select: []string{"roles"}},
		ArrayOptions{}); err != nil || total != 0 {
		t.Errorf("select after empty q: %d %v", total, err)
	}
	for q, n := range map[string]int{"roles=2": 1, "roles<3": 1, "os.name=Ubuntu": 3, "os.version~22": 1,
		"os.nope=x": 0} {
		_, total, err := ApplyArray(items, Params{Limit: 500, Q: q}, ArrayOptions{})
		if err != nil || total != n {
			t.Errorf("%s: %d %v, want %d", q, total, err, n)
		}
	}
	got, _, err = ApplyArray(items, Params{Limit: 500, Sort: &Sort{Fields: []string{"os.version", "id"}, Desc: true}},
		ArrayOptions{})
	if err != nil || got[0]["id"] != 2 || got[1]["id"] != 3 || got[2]["id"] != 1 {
		t.Errorf("nested sort: %v %v", got, err)
	}
}

func TestApplyArrayDates(t *testing.T) {
	logs := []map[string]any{
		{"timestamp": "2021-01-02T10:00:00Z", "level": "info"},
		{"timestamp": "2020-12-31T23:59:59Z", "level": "error"},
	}
	for q, n := range map[string]int{"timestamp>2021-01-01": 1, "timestamp<2021-01-02 10:00:01": 2,
		"timestamp>2020-12-31T23:59:58Z": 2, "level>f": 1} {
		_, total, err := ApplyArray(logs, Params{Limit: 500, Q: q}, ArrayOptions{})
		if err != nil || total != n {
			t.Errorf("%s: %d %v, want %d", q, total, err, n)
		}
	}
	_, _, err := ApplyArray(logs, Params{Limit: 500, Q: "level<2021-01-01"}, ArrayOptions{})
	wantErr(t, err, 1407, 400, "Query does not match expected format: Parameter 'q' is not valid: 'level<2021-01-01'")
}

func TestPyHelpers(t *testing.T) {
	for in, want := range map[string]string{"abc": "'abc'", "it's": `"it's"`, `a'b"c`: `'a\'b"c'`,
		"tab\tnl\n": `'tab\tnl\n'`, "\x01é\u00a0": `'\x01é\xa0'`, `back\slash`: `'back\\slash'`} {
		if got := pyRepr(in); got != want {
			t.Errorf("repr %q: got %s, want %s", in, got, want)
		}
	}
	for in, want := range map[float64]string{1: "1.0", 0.1: "0.1", 1e16: "1e+16", 1.5e-7: "1.5e-07", 123.25: "123.25"} {
		if got := pyjson.FloatStr(in); got != want {
			t.Errorf("float %v: got %s, want %s", in, got, want)
		}
	}
	q := ParseRawQuery("q=status%3Dactive;name~x&sort=+name&flag&select=a&select=b&e=%zz%C3%A9")
	want := map[string][]string{"q": {"status=active;name~x"}, "sort": {" name"}, "flag": {""},
		"select": {"a", "b"}, "e": {"%zzé"}}
	if !reflect.DeepEqual(map[string][]string(q), want) {
		t.Errorf("raw query: %v", q)
	}
}

// Values Python cannot order (None next to strings) sort by type, None
// first, where Wazuh answers 500: a sort field is valid input.
func TestApplyArraySortsUnorderableValues(t *testing.T) {
	items := []map[string]any{
		{"name": "b", "sum": "x2"}, {"name": "a", "sum": nil}, {"name": "c", "sum": "x1"}, {"name": "d", "sum": 3},
	}
	for _, tc := range []struct {
		desc bool
		want string
	}{{false, "a,d,c,b"}, {true, "b,c,d,a"}} {
		out, _, err := ApplyArray(items, Params{Limit: 10, Sort: &Sort{Fields: []string{"sum"}, Desc: tc.desc}}, ArrayOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range out {
			got = append(got, it["name"].(string))
		}
		if strings.Join(got, ",") != tc.want {
			t.Errorf("desc=%v: %v, want %s", tc.desc, got, tc.want)
		}
	}
}
