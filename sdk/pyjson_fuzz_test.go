package sdk

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"
)

// FuzzPythonizeJSON checks that the Python layout keeps valid JSON valid,
// ASCII-only, and equal in value to the input.
func FuzzPythonizeJSON(f *testing.F) {
	for _, s := range []string{`{"a":1,"b":[1,2,{"c":"é"}]}`, `"😀"`, `[]`, `{"k":"a,b:c\"d"}`, `null`, `{"x":"\u2028<>&"}`} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, in []byte, pretty bool) {
		if !json.Valid(in) || !utf8.Valid(in) {
			return
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, in); err != nil {
			return
		}
		out := PythonizeJSON(compact.Bytes(), pretty)
		if !json.Valid(out) {
			t.Fatalf("invalid output %q from %q", out, in)
		}
		for _, c := range out {
			if c >= utf8.RuneSelf {
				t.Fatalf("non-ASCII byte in %q", out)
			}
		}
		var a, b any
		_ = json.Unmarshal(in, &a)
		_ = json.Unmarshal(out, &b)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("value changed: %q -> %q", in, out)
		}
	})
}
