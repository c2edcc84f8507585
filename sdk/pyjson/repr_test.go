package pyjson

import "testing"

// Expected values printed by CPython 3's repr().
func TestStrReprMatchesCPython(t *testing.T) {
	for in, want := range map[string]string{
		"abc":           `'abc'`,
		"it's":          `"it's"`,
		`say "hi" it's`: `'say "hi" it\'s'`,
		`a\b`:           `'a\\b'`,
		"tab\there":     `'tab\there'`,
		"nl\n":          `'nl\n'`,
		"\x01\x7f":      `'\x01\x7f'`,
		"\u00a0nbsp":    `'\xa0nbsp'`,
		"é漢字":           `'é漢字'`,
		"\u200b":        `'\u200b'`,
		"\U0001F600":    `'😀'`,
		"\U000e0001":    `'\U000e0001'`,
	} {
		if got := StrRepr(in); got != want {
			t.Errorf("StrRepr(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestReprOfDecodedValues(t *testing.T) {
	v, err := Decode([]byte(`{"b": [1, 2.50, -0, 1e400, null, true, false], "a": {"x": "it's"}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := `{'b': [1, 2.5, 0, inf, None, True, False], 'a': {'x': "it's"}}`
	if got := Repr(v); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}
