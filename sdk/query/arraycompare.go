package query

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// clauseFault is why a term cannot be evaluated.
type clauseFault int

const (
	faultNone     clauseFault = iota
	faultOperator             // an operator the engine lacks, or ~ on a number
	faultValue                // a value the field's type cannot take
)

// checkClause is filter_array_by_query's check_clause(value1, op, value2).
// An int (or bool) value1 casts value2 with int(). = and != are exact and
// case-sensitive, ~ is a case-sensitive substring (or membership for lists
// and dicts), < and > compare numbers, strings lexically, and datetimes
// when both sides are dates.
//
// Where Python raises (KeyError for an unknown operator, ValueError for a
// non-numeric value, TypeError for an impossible comparison) Wazuh answers
// 500 code 1000 (api-surface.md §5.2). That is bad input, which this
// project answers with a 400 instead (1409 or 1407, see arrClause.match).
func checkClause(v1 any, op, v2 string) (bool, clauseFault) {
	if !isValidOp(op) {
		return false, faultOperator
	}
	if isPyInt(v1) {
		n, ok := pyInt(v2)
		if !ok {
			return false, faultValue
		}
		var rhs any = sqlInt(n)
		switch op {
		case "=":
			return pyEqual(v1, rhs), faultNone
		case "!=":
			return !pyEqual(v1, rhs), faultNone
		case "<", ">":
			return orderClause(v1, rhs, op)
		}
		return false, faultOperator // `y in x` on an int
	}
	switch op {
	case "=":
		return pyEqual(v1, v2), faultNone
	case "!=":
		return !pyEqual(v1, v2), faultNone
	case "~":
		return containsClause(v1, v2)
	}
	lhs, rhs := dateOrSelf(v1), dateOrSelf(v2)
	return orderClause(lhs, rhs, op)
}

// orderClause evaluates < or > with Python's ordering rules.
func orderClause(a, b any, op string) (bool, clauseFault) {
	if op == ">" {
		a, b = b, a
	}
	less, ok := pyLess(a, b)
	if !ok {
		return false, faultValue
	}
	return less, faultNone
}

// containsClause is Python's `value2 in value1`.
func containsClause(v1 any, v2 string) (bool, clauseFault) {
	switch typeOf(v1) {
	case pyStr:
		return strings.Contains(v1.(string), v2), faultNone
	case pyList:
		for _, e := range listItems(v1) {
			if pyEqual(e, v2) {
				return true, faultNone
			}
		}
		return false, faultNone
	case pyDict:
		_, ok := dictItems(v1)[v2]
		return ok, faultNone
	}
	return false, faultOperator
}

// dateOrSelf is check_date_format: a string in one of Wazuh's date
// formats becomes a datetime, anything else is returned unchanged.
func dateOrSelf(v any) any {
	if s, ok := v.(string); ok {
		if t, ok := parsePyDate(s); ok {
			return t
		}
	}
	return v
}

// pyDateFormats are strptime's regexes for '%Y-%m-%d',
// '%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%d %H:%M:%S' and '%Y-%m-%dT%H:%M:%S.%fZ'
// (months and days may have one digit; a format space is \s+).
var pyDateFormats = func() []*regexp.Regexp {
	const (
		ymd = `(\d{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])`
		hms = `(2[0-3]|[0-1]\d|\d):([0-5]\d|\d):(6[0-1]|[0-5]\d|\d)`
	)
	return []*regexp.Regexp{
		regexp.MustCompile(`(?i)^` + ymd + `$`),
		regexp.MustCompile(`(?i)^` + ymd + `T` + hms + `Z$`),
		regexp.MustCompile(`(?i)^` + ymd + `\s+` + hms + `$`),
		regexp.MustCompile(`(?i)^` + ymd + `T` + hms + `\.([0-9]{1,6})Z$`),
	}
}()

// parsePyDate parses s with the first matching format, rejecting what
// datetime() rejects (Feb 30, second 60).
func parsePyDate(s string) (time.Time, bool) {
	for _, re := range pyDateFormats {
		m := re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		n := make([]int, 7)
		for i := 1; i < len(m) && i <= 7; i++ {
			field := strings.TrimSpace(m[i])
			if i == 7 {
				field += strings.Repeat("0", 6-len(field))
			}
			n[i-1], _ = strconv.Atoi(field)
		}
		t := time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], n[6]*1000, time.UTC)
		if t.Day() != n[2] || n[5] > 59 {
			return time.Time{}, false
		}
		return t, true
	}
	return time.Time{}, false
}
