package main

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// pyJSONRepr is Python's repr of a JSON value after json.loads, as
// jsonschema prints the instance of a type error ("['a'] is not of type
// 'object'"): lists and dicts in Python syntax (dict keys in document
// order), True/False/None, ints as written and floats as Python's repr.
// Text that is not JSON is shown as a Python str.
func pyJSONRepr(raw []byte) string {
	v, err := decodeOrdered(bytes.TrimSpace(raw))
	if err != nil {
		return pyRepr(string(raw))
	}
	var b strings.Builder
	writePyRepr(&b, v)
	return b.String()
}

func writePyRepr(b *strings.Builder, v any) {
	switch x := v.(type) {
	case string:
		b.WriteString(pyRepr(x))
	case bool:
		if x {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case nil:
		b.WriteString("None")
	case json.Number:
		b.WriteString(pyNumber(string(x)))
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writePyRepr(b, e)
		}
		b.WriteByte(']')
	case orderedMap:
		b.WriteByte('{')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(pyRepr(e.k))
			b.WriteString(": ")
			writePyRepr(b, e.v)
		}
		b.WriteByte('}')
	}
}

// pyNumber renders a JSON number literal as Python's json.loads then repr
// would: integers unchanged (arbitrary precision, "-0" is 0), other
// literals as floats in repr's shortest form ("1.5", "100000.0", "1e+16",
// "1e-05", "inf").
func pyNumber(lit string) string {
	if !strings.ContainsAny(lit, ".eE") {
		if strings.TrimLeft(lit, "-0") == "" {
			return "0"
		}
		return lit
	}
	f, err := strconv.ParseFloat(lit, 64)
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case err != nil:
		return lit
	}
	sci := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX: the decimal exponent is exact
	exp, _ := strconv.Atoi(sci[strings.IndexByte(sci, 'e')+1:])
	if exp < -4 || exp >= 16 {
		return sci
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}
