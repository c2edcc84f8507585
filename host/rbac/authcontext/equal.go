package authcontext

import (
	"math"
	"math/big"
	"strconv"

	"github.com/wazuh-go/server/sdk/pyjson"
)

// scalarEqual compares two JSON scalars with Python's == semantics: numbers
// compare by value across int and float (1 == 1.0), booleans are the
// integers 0 and 1, and containers never equal a scalar.
func scalarEqual(a, b pyjson.Value) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool, pyjson.Number:
		ra, okA := numericValue(a)
		rb, okB := numericValue(b)
		if !okA || !okB {
			return false
		}
		return ra.eq(rb)
	default:
		return false
	}
}

// pyNumber is a number as Python holds it: an exact rational (ints and finite
// floats) or an infinity.
type pyNumber struct {
	rat *big.Rat
	inf int
}

func (a pyNumber) eq(b pyNumber) bool {
	if a.inf != 0 || b.inf != 0 {
		return a.inf == b.inf
	}
	return a.rat.Cmp(b.rat) == 0
}

func numericValue(v pyjson.Value) (pyNumber, bool) {
	switch t := v.(type) {
	case bool:
		if t {
			return pyNumber{rat: big.NewRat(1, 1)}, true
		}
		return pyNumber{rat: new(big.Rat)}, true
	case pyjson.Number:
		if pyjson.IsInt(t) {
			i, ok := new(big.Int).SetString(string(t), 10)
			if !ok {
				return pyNumber{}, false
			}
			return pyNumber{rat: new(big.Rat).SetInt(i)}, true
		}
		f, err := strconv.ParseFloat(string(t), 64)
		if math.IsInf(f, 0) {
			return pyNumber{inf: int(math.Copysign(1, f))}, true
		}
		if err != nil || math.IsNaN(f) {
			return pyNumber{}, false
		}
		return pyNumber{rat: new(big.Rat).SetFloat64(f)}, true
	default:
		return pyNumber{}, false
	}
}
