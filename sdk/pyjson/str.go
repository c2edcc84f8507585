package pyjson

import (
	"math"
	"math/big"
	"strconv"
)

// FloatStr is Python's repr (and str) of the float f: FloatRepr's digits,
// with inf, -inf and nan spelled as Python prints them rather than as
// json.dumps writes them.
func FloatStr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return FloatRepr(f)
}

// NumberStr is Python's repr of json.loads(n): integers in canonical form
// (arbitrary precision, "-0" is 0), other literals as FloatStr of the
// float they parse to (overflow gives inf).
func NumberStr(n Number) string {
	s := string(n)
	if IsInt(n) {
		if i, ok := new(big.Int).SetString(s, 10); ok {
			return i.String()
		}
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !math.IsInf(f, 0) {
		return s
	}
	return FloatStr(f)
}
