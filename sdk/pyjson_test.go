package sdk

import "testing"

// json.dumps(ensure_ascii=True) escapes every character outside ' '..'~',
// DEL (0x7f) included, in both layouts.
func TestMarshalWazuhJSONEscapesDEL(t *testing.T) {
	v := map[string]any{"detail": "a\x7fb\x1f\b"}
	got, err := MarshalWazuhJSON(v, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"detail": "a\u007fb\u001f\b"}`; string(got) != want {
		t.Errorf("compact: got %s, want %s", got, want)
	}
	got, _ = MarshalWazuhJSON(v, true)
	if want := "{\n   \"detail\": \"a\\u007fb\\u001f\\b\"\n}"; string(got) != want {
		t.Errorf("pretty: got %s, want %s", got, want)
	}
}
