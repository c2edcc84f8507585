package pyjson

import (
	"math"
	"testing"
)

// Values printed by CPython 3: repr(json.loads(literal)).
func TestNumberStrMatchesCPython(t *testing.T) {
	for lit, want := range map[string]string{
		"0": "0", "-0": "0", "12": "12", "123456789012345678901234567890": "123456789012345678901234567890",
		"1.5": "1.5", "1e400": "inf", "-1e400": "-inf", "1e16": "1e+16", "1E5": "100000.0", "1.0": "1.0",
		"-0.0": "-0.0", "2.5e-7": "2.5e-07", "1e-5": "1e-05", "0.0001": "0.0001", "100000.0": "100000.0",
	} {
		if got := NumberStr(Number(lit)); got != want {
			t.Errorf("NumberStr(%s) = %s, want %s", lit, got, want)
		}
	}
	if FloatStr(math.NaN()) != "nan" || FloatRepr(math.Inf(1)) != "Infinity" {
		t.Error("repr spells nan/inf as Python prints them, FloatRepr as json.dumps writes them")
	}
}
