package wdb

import (
	"encoding/json"
	"testing"
)

func TestSplitRows(t *testing.T) {
	tests := []struct {
		in       string
		n        int
		complete bool
		bad      bool
	}{
		{`[]`, 0, true, false},
		{` [ ] `, 0, true, false},
		{`[{"a":1},{"b":"x,}]{"}]`, 2, true, false},
		{`[1,2,3]`, 3, true, false},
		{`["a","b\"]"]`, 2, true, false},
		{`[{"a":1},{"b":2`, 1, false, false},
		{`[{"a":1},`, 1, false, false},
		{`[{"a":1}`, 1, false, false},
		{`[{"a":"\`, 0, false, false},
		{`[12`, 0, false, false},
		{`{"a":1}`, 0, false, true},
		{`[{"a":1}] x`, 0, false, true},
		{`[,]`, 0, false, true},
		{``, 0, false, true},
	}
	for _, tc := range tests {
		rows, complete, err := splitRows([]byte(tc.in))
		if (err != nil) != tc.bad || len(rows) != tc.n || complete != tc.complete {
			t.Errorf("splitRows(%s) = %d rows, complete=%v, err=%v", tc.in, len(rows), complete, err)
		}
		for _, r := range rows {
			if !json.Valid(r) {
				t.Errorf("splitRows(%s): invalid element %s", tc.in, r)
			}
		}
	}
}

// FuzzSplitRows checks the array splitter on arbitrary input: no panics,
// and on valid JSON arrays it agrees with encoding/json.
func FuzzSplitRows(f *testing.F) {
	for _, s := range []string{`[]`, `[{"a":1},{"b":[1,{"c":"]"}]}]`, `[1, "x", null]`, `[{"a":"\u00e9\"}"}`, `[{`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, complete, err := splitRows(data)
		var want []json.RawMessage
		if json.Unmarshal(data, &want) != nil || data[0] != '[' {
			return
		}
		if err != nil || !complete || len(rows) != len(want) {
			t.Fatalf("valid array %q: %d rows (want %d), complete=%v, err=%v", data, len(rows), len(want), complete, err)
		}
	})
}

func TestCloseCut(t *testing.T) {
	p := []byte(`[{"a":1},{"b":"x,}"},{"c":`)
	rows, complete, err := splitRows(p)
	if err != nil || complete || len(rows) != 2 {
		t.Fatal(rows, complete, err)
	}
	if got := closeCut(p, rows); string(got) != `[{"a":1},{"b":"x,}"}]` {
		t.Fatalf("closeCut = %s", got)
	}
	spaced := []byte(`[{"a":1}, {"b":2},{"c":`)
	rows, _, _ = splitRows(spaced)
	if got := closeCut(spaced, rows); got != nil {
		t.Fatalf("closeCut of a spaced reply = %s, want nil (joined instead)", got)
	}
}
