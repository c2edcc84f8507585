package query

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// pyStrLower is str(v).lower() for a scalar, as search_array's get_values
// renders values: None is "none", booleans "true"/"false", floats use
// Python's repr, datetimes "YYYY-MM-DD HH:MM:SS[.ffffff]+HH:MM".
func pyStrLower(v any) string {
	switch x := v.(type) {
	case nil:
		return "none"
	case string:
		return strings.ToLower(x)
	case bool:
		return strconv.FormatBool(x)
	case float32:
		return pyFloatRepr(float64(x))
	case float64:
		return pyFloatRepr(x)
	case time.Time:
		return strings.ToLower(pyDatetimeStr(x))
	}
	if i, _, isFloat, ok := numeric(v); ok && !isFloat {
		return strconv.FormatInt(i, 10)
	}
	return strings.ToLower(fmt.Sprint(v))
}

// pyFloatRepr is Python's repr(float).
func pyFloatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	if exp < -4 || exp >= 16 {
		return e
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsRune(s, '.') {
		s += ".0"
	}
	return s
}

// pyDatetimeStr is str(datetime) for an aware datetime.
func pyDatetimeStr(t time.Time) string {
	s := t.Format("2006-01-02 15:04:05")
	if us := t.Nanosecond() / 1000; us != 0 {
		s += fmt.Sprintf(".%06d", us)
	}
	return s + t.Format("-07:00")
}
