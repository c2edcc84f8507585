package query

import (
	"reflect"
	"testing"
)

func TestParseWQL(t *testing.T) {
	cases := []struct {
		q    string
		want []Clause
	}{
		{"status=active", []Clause{{Field: "status", Op: "=", Value: "active"}}},
		{"os.platform~ubuntu;status!=never_connected", []Clause{
			{Field: "os.platform", Op: "~", Value: "ubuntu", Sep: ";"},
			{Field: "status", Op: "!=", Value: "never_connected"}}},
		// trailing garbage is dropped (§9.8)
		{"status=active&junk", []Clause{{Field: "status", Op: "=", Value: "active"}}},
		{"name=a*b", []Clause{{Field: "name", Op: "=", Value: "a"}}},
		// "b" is no term: a dangling separator remains
		{"name=a,b", []Clause{{Field: "name", Op: "=", Value: "a", Sep: ","}}},
		// findall keeps scanning past garbage
		{"name=a&name=b", []Clause{{Field: "name", Op: "=", Value: "a"}, {Field: "name", Op: "=", Value: "b"}}},
		{"((a=1,b=2);c=3)", []Clause{
			{Open: 2, Field: "a", Op: "=", Value: "1", Sep: ","},
			{Field: "b", Op: "=", Value: "2", Close: 1, Sep: ";"},
			{Field: "c", Op: "=", Value: "3", Close: 1}}},
		// [...] groups may hold commas, glued (...) groups are part of the value
		{"perm=[a, b];x=f(y)", []Clause{
			{Field: "perm", Op: "=", Value: "[a, b]", Sep: ";"},
			{Field: "x", Op: "=", Value: "f(y)"}}},
		{"name=a b:c/d?e@f%g{h}$i", []Clause{{Field: "name", Op: "=", Value: "a b:c/d?e@f%g{h}$i"}}},
		{`name='x"`, []Clause{{Field: "name", Op: "=", Value: `'x"`}}},
		{"name<=x", []Clause{{Field: "name", Op: "<=", Value: "x"}}},
		// the 2-char operator backtracks when nothing is left for the value
		{"name==", []Clause{{Field: "name", Op: "=", Value: "="}}},
		{"nombre=José", []Clause{{Field: "nombre", Op: "=", Value: "José"}}},
	}
	for _, c := range cases {
		got, err := ParseWQL(c.q)
		if err != nil {
			t.Errorf("%q: %v", c.q, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", c.q, got, c.want)
		}
	}
}

func TestParseWQLErrors(t *testing.T) {
	for _, q := range []string{"!status=active", " status=active", "status", "=x", "name=", "(name)"} {
		_, err := ParseWQL(q)
		wantErr(t, err, 1407, 400, "Query does not match expected format: "+q)
	}
	if got, err := ParseWQL(""); got != nil || err != nil {
		t.Fatal("empty q must give nothing")
	}
}

func TestTimeframeSeconds(t *testing.T) {
	for in, want := range map[string]int64{"7d": 604800, "3600": 3600, "1d2h": 93600, "30m": 1800,
		"10s": 10, "7dxyz": 604800, "٣": 3} {
		got, err := TimeframeSeconds(in)
		if err != nil || got.Int64() != want {
			t.Errorf("%q: got %v %v, want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"1d2x", "1d23", "7w"} {
		_, err := TimeframeSeconds(in)
		wantErr(t, err, 1411, 400, "TimeFrame is not valid: "+in)
	}
}
