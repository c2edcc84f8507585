package query

import (
	"net/url"
	"reflect"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

// wantErr checks code, status and message of an error (code 0: validation).
func wantErr(t *testing.T, err *sdk.Error, code, status int, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %d %q", code, msg)
	}
	if err.Code != code || err.Status() != status || err.Message != msg {
		t.Fatalf("got (%d, %d, %q), want (%d, %d, %q)", err.Code, err.Status(), err.Message, code, status, msg)
	}
}

func mustQuery(t *testing.T, raw string) url.Values {
	t.Helper()
	return ParseRawQuery(raw)
}

func TestParseDefaults(t *testing.T) {
	p, err := Parse(url.Values{}, Spec{})
	if err != nil {
		t.Fatal(err)
	}
	want := Params{Offset: 0, Limit: 500}
	if !reflect.DeepEqual(p, want) {
		t.Fatalf("got %+v, want %+v", p, want)
	}
	p, err = Parse(url.Values{}, Spec{Order: []string{"offset"}})
	if err != nil || p.Limit != NoLimit {
		t.Fatalf("undeclared limit: got %+v %v", p, err)
	}
}

func TestParseValid(t *testing.T) {
	cases := []struct {
		raw  string
		want Params
	}{
		{"offset=5&limit=10", Params{Offset: 5, Limit: 10}},
		{"limit=1&limit=7", Params{Limit: 7}}, // scalar: last wins
		{"limit=%2B7", Params{Limit: 7}},      // int("+7")
		{"limit=+7", Params{Limit: 7}},        // int(" 7")
		{"limit=1_0", Params{Limit: 10}},      // int("1_0")
		{"select=name,ip&select=id", Params{Limit: 500, Select: []string{"name", "ip", "id"}}},
		{"sort=-name,ip", Params{Limit: 500, Sort: &Sort{Fields: []string{"name", "ip"}, Desc: true}}},
		{"sort=%2Bname", Params{Limit: 500, Sort: &Sort{Fields: []string{"name"}}}},
		{"sort=+name", Params{Limit: 500, Sort: &Sort{Fields: []string{" name"}}}}, // §9.6
		{"search=-ubu", Params{Limit: 500, Search: &Search{Value: "ubu", Negate: true}}},
		{"search=a%20b", Params{Limit: 500, Search: &Search{Value: "a b"}}},
		{"q=status=active;name~x&q=id=1", Params{Limit: 500, Q: "id=1"}},
		{"distinct=TRUE", Params{Limit: 500, Distinct: true}},
		{"distinct=False", Params{Limit: 500}},
	}
	for _, c := range cases {
		p, err := Parse(mustQuery(t, c.raw), Spec{})
		if err != nil {
			t.Errorf("%s: %v", c.raw, err)
			continue
		}
		if !reflect.DeepEqual(p, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.raw, p, c.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	const limitSchema = "{'type': 'integer', 'format': 'int32', 'default': 500, 'minimum': 1, 'maximum': 100000}"
	cases := []struct {
		raw  string
		spec Spec
		msg  string
	}{
		{"limit=100001", Spec{}, "100001 is greater than the maximum of 100000. Failed validating 'maximum' in schema: " +
			limitSchema + ". On instance: 100001"},
		{"limit=0", Spec{}, "0 is less than the minimum of 1. Failed validating 'minimum' in schema: " +
			limitSchema + ". On instance: 0"},
		{"limit=abc", Spec{}, "'abc' is not of type 'integer'. Failed validating 'type' in schema: " +
			limitSchema + ". On instance: 'abc'"},
		{"limit=", Spec{}, "'' is not of type 'integer'. Failed validating 'type' in schema: " +
			limitSchema + ". On instance: ''"},
		{"limit=501", Spec{MaxLimit: LogsMaxLimit}, "501 is greater than the maximum of 500. Failed validating " +
			"'maximum' in schema: {'type': 'integer', 'format': 'int32', 'default': 500, 'minimum': 1, " +
			"'maximum': 500}. On instance: 501"},
		{"offset=-1", Spec{}, "-1 is less than the minimum of 0. Failed validating 'minimum' in schema: " +
			"{'type': 'integer', 'format': 'int32', 'default': 0, 'minimum': 0}. On instance: -1"},
		{"offset=1.5", Spec{}, "'1.5' is not of type 'integer'. Failed validating 'type' in schema: " +
			"{'type': 'integer', 'format': 'int32', 'default': 0, 'minimum': 0}. On instance: '1.5'"},
		{"sort=name;id", Spec{}, "'name;id' is not a 'sort'. Failed validating 'format' in schema: " +
			"{'type': 'string', 'format': 'sort'}. On instance: 'name;id'"},
		{"sort=", Spec{}, "'' is not a 'sort'. Failed validating 'format' in schema: " +
			"{'type': 'string', 'format': 'sort'}. On instance: ''"},
		{"search=a*b", Spec{}, "'a*b' is not a 'search'. Failed validating 'format' in schema: " +
			"{'type': 'string', 'format': 'search'}. On instance: 'a*b'"},
		{"select=name,os name", Spec{}, "'os name' is not a 'names'. Failed validating 'format' in " +
			"schema['items']: {'type': 'string', 'format': 'names'}. On instance[1]: 'os name'"},
		{"select=name,", Spec{}, "'' is not a 'names'. Failed validating 'format' in schema['items']: " +
			"{'type': 'string', 'format': 'names'}. On instance[1]: ''"},
		{"distinct=yes", Spec{}, "'yes' is not of type 'boolean'. Failed validating 'type' in schema: " +
			"{'type': 'boolean', 'default': False}. On instance: 'yes'"},
		// quotes: repr switches to double quotes; whitespace runs collapse.
		{"sort=a'b", Spec{}, `"a'b" is not a 'sort'. Failed validating 'format' in schema: ` +
			`{'type': 'string', 'format': 'sort'}. On instance: "a'b"`},
		// spec order decides which invalid parameter is reported.
		{"limit=0&offset=-1", Spec{}, "-1 is less than the minimum of 0. Failed validating 'minimum' in " +
			"schema: {'type': 'integer', 'format': 'int32', 'default': 0, 'minimum': 0}. On instance: -1"},
	}
	for _, c := range cases {
		_, err := Parse(mustQuery(t, c.raw), c.spec)
		t.Run(c.raw, func(t *testing.T) { wantErr(t, err, 0, 400, c.msg) })
	}
}

func TestParseLongInstance(t *testing.T) {
	// pprint.pformat(width=72) splits a long string into chunks.
	long := "aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee ffffffffff gggggggggg;"
	_, err := Parse(url.Values{"search": {long}}, Spec{})
	want := "'" + long + "' is not a 'search'. Failed validating 'format' in schema: {'type': 'string', " +
		"'format': 'search'}. On instance: ('aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee ffffffffff ' " +
		"'gggggggggg;')"
	wantErr(t, err, 0, 400, want)
}

func TestCheckAllowed(t *testing.T) {
	q := mustQuery(t, "query=status%3Dactive&pretty=true&foo=1")
	err := CheckAllowed(q, "pretty", "wait_for_complete", "q")
	wantErr(t, err, 0, 400, "Extra query parameter(s) foo,query not in spec")
	if err := CheckAllowed(q, "pretty", "query", "foo"); err != nil {
		t.Fatal(err)
	}
	if err.ProblemTitle() != "Bad Request" {
		t.Fatal(err.ProblemTitle())
	}
}

func TestParseBoolAndInt(t *testing.T) {
	for raw, want := range map[string]bool{"true": true, "TRUE": true, "False": false, "fAlSe": false} {
		got, err := ParseBool(url.Values{"pretty": {raw}}, "pretty", false)
		if err != nil || got != want {
			t.Errorf("%s: got %v %v", raw, got, err)
		}
	}
	got, err := ParseBool(url.Values{}, "purge", true)
	if err != nil || !got {
		t.Fatal("default not applied")
	}
	_, err = ParseBool(url.Values{"raw": {"1"}}, "raw", true)
	wantErr(t, err, 0, 400, "'1' is not of type 'boolean'. Failed validating 'type' in schema: "+
		"{'type': 'boolean', 'default': True}. On instance: '1'")
	v, present, err := ParseInt(url.Values{"level": {" 12 "}}, "level", IntSchema{Minimum: Int(0)})
	if err != nil || !present || v != 12 {
		t.Fatalf("got %d %v %v", v, present, err)
	}
	_, _, err = ParseInt(url.Values{"level": {"99999999999999999999999"}}, "level", IntSchema{Maximum: Int(16)})
	wantErr(t, err, 0, 400, "99999999999999999999999 is greater than the maximum of 16. Failed validating "+
		"'maximum' in schema: {'type': 'integer', 'maximum': 16}. On instance: 99999999999999999999999")
}

func TestFormats(t *testing.T) {
	cases := []struct {
		f    func(string) bool
		in   string
		want bool
	}{
		{ValidSort, "-os.name,id", true},
		{ValidSort, " name", true},
		{ValidSort, "náme", true},
		{ValidSort, "name;id", false},
		{ValidSearch, "-a b'c", true},
		{ValidSearch, "a>b", false},
		{ValidSearch, "a|b", false},
		{ValidNames, "os.name", true},
		{ValidNames, "50%", true},
		{ValidNames, "name\n", true}, // Python's $ before a final newline
		{ValidNames, "náme", false},  // re.ASCII
		{ValidNames, "a b", false},
		{ValidTimeframe, "7d", true},
		{ValidTimeframe, "3600", true},
		{ValidTimeframe, "7w", false},
		{ValidTimeframe, "d", false},
	}
	for _, c := range cases {
		if got := c.f(c.in); got != c.want {
			t.Errorf("%q: got %v, want %v", c.in, got, c.want)
		}
	}
}
