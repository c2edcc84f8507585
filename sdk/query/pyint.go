package query

import (
	"math"
	"math/big"
	"strings"
	"unicode"
)

// pyInt parses s as Python's int(s) does (base 10): surrounding Unicode
// whitespace, an optional sign, Unicode decimal digits and single
// underscores between digits. ok is false where Python raises ValueError.
func pyInt(s string) (v *big.Int, ok bool) {
	s = strings.TrimFunc(s, pyIsSpace)
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" {
		return nil, false
	}
	v = new(big.Int)
	ten := big.NewInt(10)
	prevDigit := false
	for _, r := range s {
		if r == '_' {
			if !prevDigit {
				return nil, false
			}
			prevDigit = false
			continue
		}
		d, isDigit := pyDigit(r)
		if !isDigit {
			return nil, false
		}
		v.Mul(v, ten).Add(v, big.NewInt(int64(d)))
		prevDigit = true
	}
	if !prevDigit {
		return nil, false
	}
	if neg {
		v.Neg(v)
	}
	return v, true
}

// pyDigit returns the value of a Unicode decimal digit (category Nd), the
// characters Python's \d, str.isdigit (mostly) and int() accept. Nd runs
// are made of complete 0–9 blocks, so the value is the distance to the
// start of the run modulo 10.
func pyDigit(r rune) (int, bool) {
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	if !unicode.IsDigit(r) {
		return 0, false
	}
	start := r
	for start > 0 && unicode.IsDigit(start-1) {
		start--
	}
	return int(r-start) % 10, true
}

// pyIsDigits is Python's str.isdigit restricted to Nd: non-empty, all digits.
func pyIsDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if _, ok := pyDigit(r); !ok {
			return false
		}
	}
	return true
}

// sqlInt converts a Python int to a SQL argument: int64 when it fits,
// otherwise a float64 (SQLite reads an oversized integer literal as REAL).
func sqlInt(v *big.Int) any {
	if v.IsInt64() {
		return v.Int64()
	}
	f, _ := new(big.Float).SetInt(v).Float64()
	return f
}

// clampInt converts v to int, saturating at the int range.
func clampInt(v *big.Int) int {
	if v.IsInt64() {
		i := v.Int64()
		if i > math.MaxInt {
			return math.MaxInt
		}
		if i < math.MinInt {
			return math.MinInt
		}
		return int(i)
	}
	if v.Sign() > 0 {
		return math.MaxInt
	}
	return math.MinInt
}
