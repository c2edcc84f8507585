package sdk

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// FuzzMaskSensitiveConfigJSON checks that valid JSON is always masked
// (the result decodes to what MaskSensitiveConfig makes of the decoded
// input), invalid JSON is always refused, and masking is idempotent.
func FuzzMaskSensitiveConfigJSON(f *testing.F) {
	for _, s := range []string{
		`{"cluster": {"name": "wazuh", "key": "abc", "port": 1516}}`,
		`[{"key":1},{"key" :  {"a":[1,{"key":2}]} ,"b":2}]`,
		`{"k\u0065y": null, "authd.pass": "x"}`,
		`{"a": "key", "b": ["key", {"c": "\"key\": 1"}]}`,
		`{"key": 1} {}`, `{"key": }`, `[`, `"key"`, `{"key":"a","key":"b"}`, "{\"key\":\"\xff\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := MaskSensitiveConfigJSON(in)
		if !json.Valid(in) {
			if err == nil {
				t.Fatalf("invalid JSON %q accepted: %q", in, out)
			}
			return
		}
		if err != nil {
			if errors.Is(err, errMaskDepth) {
				return
			}
			t.Fatalf("valid JSON %q refused: %v", in, err)
		}
		got, err := decodeNumbers(out)
		if err != nil {
			t.Fatalf("output %q of %q is not JSON: %v", out, in, err)
		}
		decoded, err := decodeNumbers(in)
		if err != nil {
			t.Fatal(err)
		}
		want, err := MaskSensitiveConfig(decoded)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q -> %q, want the value %v", in, out, want)
		}
		again, err := MaskSensitiveConfigJSON(out)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", in, out, again, err)
		}
	})
}

// decodeNumbers decodes JSON keeping numbers as json.Number (1E1000 is
// valid JSON that overflows float64).
func decodeNumbers(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// FuzzMaskSensitiveConfigXML checks on arbitrary text that a <key> element
// placed anywhere never lets its content through, that masking is
// idempotent, and that well-formed XML stays well-formed with every key
// element holding exactly "***".
func FuzzMaskSensitiveConfigXML(f *testing.F) {
	for _, s := range []string{
		"<ossec_config><cluster>", "<!--", "<![CDATA[", "<?pi", "<a b=\"", "<key>", "</key>", "<key/>", "<!DOCTYPE x", "",
	} {
		f.Add(s, "</cluster></ossec_config>")
		f.Add(s, "-->]]>?>\">")
	}
	f.Fuzz(func(t *testing.T, prefix, suffix string) {
		const secret = "S3cr3tValue"
		if strings.Contains(prefix+suffix, "S3cr") || strings.Contains(prefix+suffix, "Value") {
			return
		}
		in := prefix + "<key>" + secret + "</key>" + suffix
		out := MaskSensitiveConfigXML(in)
		if strings.Contains(out, secret) {
			t.Fatalf("secret leaked: %q -> %q", in, out)
		}
		for _, s := range []string{in, prefix + suffix} {
			once := MaskSensitiveConfigXML(s)
			if twice := MaskSensitiveConfigXML(once); twice != once {
				t.Fatalf("not idempotent: %q -> %q -> %q", s, once, twice)
			}
			checkWellFormed(t, s, once)
		}
	})
}

// checkWellFormed: when in is well-formed XML, out is too, and every key
// element of out holds "***" (or nothing, for <key/>).
func checkWellFormed(t *testing.T, in, out string) {
	t.Helper()
	if !wellFormed(in) {
		return
	}
	dec := xml.NewDecoder(strings.NewReader(out))
	dec.Strict = true
	var path []string
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%q is well-formed, %q is not: %v", in, out, err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if len(path) > 0 && path[len(path)-1] == "key" {
				t.Fatalf("%q: element inside key in %q", in, out)
			}
			path = append(path, e.Name.Local)
			text.Reset()
		case xml.CharData:
			text.Write(e)
		case xml.EndElement:
			if e.Name.Local == "key" && e.Name.Space == "" && text.String() != SecretMaskXML && text.Len() > 0 {
				t.Fatalf("%q: key holds %q in %q", in, text.String(), out)
			}
			path = path[:len(path)-1]
			text.Reset()
		}
	}
}

func wellFormed(s string) bool {
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
	}
}
