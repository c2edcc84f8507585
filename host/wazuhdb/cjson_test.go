package wazuhdb

import (
	"math"
	"testing"
)

func TestAppendNumber(t *testing.T) {
	for d, want := range map[float64]string{
		0: "0", 1: "1", -7: "-7", 2147483647: "2147483647", -2147483648: "-2147483648",
		2147483648: "2147483648", 253402300799: "253402300799", 1.5: "1.5", 0.1: "0.1",
		1e16: "1e+16", 1e20: "1e+20", 123456789012345678: "1.2345678901234568e+17",
		1.0 / 3: "0.33333333333333331", math.NaN(): "null", math.Inf(1): "null",
	} {
		if got := string(appendNumber(nil, d)); got != want {
			t.Errorf("appendNumber(%v) = %s, want %s", d, got, want)
		}
	}
	if got := string(appendInt64(nil, 9007199254740993)); got != "9.00719925474099e+15" {
		t.Errorf("int64 beyond 2^53 = %s (wazuh-db reads integers as doubles)", got)
	}
}

func TestAppendString(t *testing.T) {
	for in, want := range map[string]string{
		`plain`: `"plain"`, `a"b\c`: `"a\"b\\c"`, "\b\f\n\r\t\x01": `"\b\f\n\r\t\u0001"`,
		"</script>&": `"</script>&"`, "ñ€": `"ñ€"`, "cut\x00here": `"cut"`,
	} {
		if got := string(appendString(nil, in)); got != want {
			t.Errorf("appendString(%q) = %s, want %s", in, got, want)
		}
	}
}
