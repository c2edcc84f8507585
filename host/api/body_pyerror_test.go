package api

import "testing"

// Python's json.loads messages for bodies Go reports at another position
// (values from CPython 3's json module).
func TestPythonJSONErrorPositions(t *testing.T) {
	for body, want := range map[string]string{
		"nonsense":            "Expecting value: line 1 column 1 (char 0)",
		`{"a": tru}`:          "Expecting value: line 1 column 7 (char 6)",
		`{"a": nul}`:          "Expecting value: line 1 column 7 (char 6)",
		`[1, fals]`:           "Expecting value: line 1 column 5 (char 4)",
		"-x":                  "Expecting value: line 1 column 1 (char 0)",
		"{\n  \"a\": nope\n}": "Expecting value: line 2 column 8 (char 9)",
		`{"a": 1,}`:           "Expecting property name enclosed in double quotes: line 1 column 9 (char 8)",
		`{"a" 1}`:             "Expecting ':' delimiter: line 1 column 6 (char 5)",
		`[1 2]`:               "Expecting ',' delimiter: line 1 column 4 (char 3)",
		`{"a": 1} x`:          "Extra data: line 1 column 10 (char 9)",
		"":                    "Expecting value: line 1 column 1 (char 0)",
	} {
		if got := pythonJSONError([]byte(body)); got != want {
			t.Errorf("%q:\n got %s\nwant %s", body, got, want)
		}
	}
}
