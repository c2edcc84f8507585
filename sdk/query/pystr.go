package query

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/wazuh-go/server/sdk/pyjson"
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
		return pyjson.FloatStr(float64(x))
	case float64:
		return pyjson.FloatStr(x)
	case time.Time:
		return strings.ToLower(pyDatetimeStr(x))
	}
	if i, _, isFloat, ok := numeric(v); ok && !isFloat {
		return strconv.FormatInt(i, 10)
	}
	return strings.ToLower(fmt.Sprint(v))
}

// pyDatetimeStr is str(datetime) for an aware datetime.
func pyDatetimeStr(t time.Time) string {
	s := t.Format("2006-01-02 15:04:05")
	if us := t.Nanosecond() / 1000; us != 0 {
		s += fmt.Sprintf(".%06d", us)
	}
	return s + t.Format("-07:00")
}
