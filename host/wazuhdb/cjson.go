package wazuhdb

import (
	"bytes"
	"math"
	"strconv"
	"time"
	"unsafe"
)

// The helpers below print values exactly as wazuh-db's cJSON does, so
// responses are byte-identical: numbers go through a double, integral values
// inside the C int range print as integers, others with "%1.15g" (or "%1.17g"
// when 15 digits do not round-trip); strings escape only '"', '\\' and
// control characters and end at the first NUL (C strings).

// appendNumber appends d the way cJSON's print_number does.
func appendNumber(buf []byte, d float64) []byte {
	switch {
	case math.IsNaN(d) || math.IsInf(d, 0):
		return append(buf, "null"...)
	case d >= math.MinInt32 && d <= math.MaxInt32 && d == math.Trunc(d):
		return strconv.AppendInt(buf, int64(d), 10)
	}
	s := strconv.FormatFloat(d, 'g', 15, 64)
	if back, err := strconv.ParseFloat(s, 64); err != nil || !closeEnough(back, d) {
		s = strconv.FormatFloat(d, 'g', 17, 64)
	}
	return append(buf, s...)
}

// closeEnough is cJSON's compare_double.
func closeEnough(a, b float64) bool {
	maxVal := math.Max(math.Abs(a), math.Abs(b))
	return math.Abs(a-b) <= maxVal*2.220446049250313e-16
}

// appendInt64 appends an SQLite INTEGER, which wazuh-db reads with
// sqlite3_column_double.
func appendInt64(buf []byte, v int64) []byte {
	if v >= math.MinInt32 && v <= math.MaxInt32 {
		return strconv.AppendInt(buf, v, 10)
	}
	return appendNumber(buf, float64(v))
}

// appendString appends s as a cJSON string.
func appendString(buf []byte, s string) []byte {
	return appendStringBytes(buf, unsafe.Slice(unsafe.StringData(s), len(s)))
}

// appendStringBytes appends s as a cJSON string; it stops at the first NUL
// byte, as C strings do.
func appendStringBytes(buf []byte, s []byte) []byte {
	if i := bytes.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		buf = append(buf, s[start:i]...)
		switch c {
		case '"':
			buf = append(buf, '\\', '"')
		case '\\':
			buf = append(buf, '\\', '\\')
		case '\b':
			buf = append(buf, '\\', 'b')
		case '\f':
			buf = append(buf, '\\', 'f')
		case '\n':
			buf = append(buf, '\\', 'n')
		case '\r':
			buf = append(buf, '\\', 'r')
		case '\t':
			buf = append(buf, '\\', 't')
		default:
			buf = append(buf, '\\', 'u', '0', '0', hexDigit(c>>4), hexDigit(c&0xf))
		}
		start = i + 1
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

func hexDigit(b byte) byte { return "0123456789abcdef"[b] }

// sqlalchemyTime is how Wazuh's mitre.db (built by SQLAlchemy) stores
// DATETIME columns. The driver parses such columns into time.Time; printing
// them back with this layout restores the stored text.
const sqlalchemyTime = "2006-01-02 15:04:05.000000"

// appendValue appends one column value as read from database/sql. It
// reports false for NULL, which wazuh-db omits from the row object.
func appendValue(buf []byte, v any) ([]byte, bool) {
	switch x := v.(type) {
	case nil:
		return buf, false
	case int64:
		return appendInt64(buf, x), true
	case float64:
		return appendNumber(buf, x), true
	case string:
		return appendString(buf, x), true
	case []byte:
		return appendString(buf, string(x)), true
	case time.Time:
		return appendString(buf, x.UTC().Format(sqlalchemyTime)), true
	case bool:
		if x {
			return append(buf, '1'), true
		}
		return append(buf, '0'), true
	default:
		return appendString(buf, "?"), true
	}
}
