package query

import (
	"regexp"
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// arrClauseRegex is filter_array_by_query's re_get_elements, applied with
// re.match: an optional "(", a field, optional ".sub.fields", the operator,
// the value (no "$" here) and an optional ")". Text after the match is
// ignored.
var arrClauseRegex = regexp.MustCompile(`^\(?([` + pyW + `]+)\.?([` + pyW + `.]*)?([=!<>~]{1,2})` +
	wqlValue(arrValueChars) + `\)?`)

// arrClause is one AND term of an [ARR] query.
type arrClause struct {
	field string
	sub   []string
	op    string
	value string
	// err is the 1407 this term raises when evaluation reaches it.
	err *sdk.Error
}

// arrQuery is an [ARR] query: OR of ANDs (AND binds tighter; parentheses
// are not supported).
type arrQuery [][]arrClause

// parseArrayQuery splits q on "," then ";" like filter_array_by_query.
// Malformed terms are kept with their error: Wazuh only raises it when an
// element's evaluation reaches the term.
func parseArrayQuery(q string) arrQuery {
	var out arrQuery
	for _, or := range strings.Split(q, ",") {
		var ands []arrClause
		for _, and := range strings.Split(or, ";") {
			m := arrClauseRegex.FindStringSubmatch(and)
			if m == nil {
				ands = append(ands, arrClause{
					err: wazuhError(1407, "Parameter 'q' is not valid: '"+and+"'"),
				})
				continue
			}
			c := arrClause{field: m[1], op: m[3], value: m[4]}
			if m[2] != "" {
				c.sub = strings.Split(m[2], ".")
			}
			ands = append(ands, c)
		}
		out = append(out, ands)
	}
	return out
}

// filter keeps the items the query matches, evaluating lazily like Wazuh:
// OR terms stop at the first match, AND terms at the first miss, so a bad
// term only errors for an item that reaches it.
func (aq arrQuery) filter(items []map[string]any) ([]map[string]any, *sdk.Error) {
	var out []map[string]any
	for _, it := range items {
		ok, err := aq.match(it)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, it)
		}
	}
	return out, nil
}

// match evaluates the query on one item.
func (aq arrQuery) match(item map[string]any) (bool, *sdk.Error) {
	for _, ands := range aq {
		all := true
		for _, c := range ands {
			ok, err := c.match(item)
			if err != nil {
				return false, err
			}
			if !ok {
				all = false
				break
			}
		}
		if all {
			return true, nil
		}
	}
	return false, nil
}

// match evaluates one term: an absent field is false (no error), otherwise
// any candidate value satisfying the comparison matches.
func (c arrClause) match(item map[string]any) (bool, *sdk.Error) {
	if c.err != nil {
		return false, c.err
	}
	v, ok := item[c.field]
	if !ok {
		return false, nil
	}
	for _, cand := range matchCandidates(v, c.sub) {
		ok, fault := checkClause(cand, c.op, c.value)
		switch fault {
		case faultOperator:
			return false, wazuhError(1409, "Valid operators: "+strings.Join(validOps, ", ")+". Used operator: "+c.op)
		case faultValue:
			return false, wazuhError(1407, "Parameter 'q' is not valid: '"+c.text()+"'")
		}
		if ok {
			return true, nil
		}
	}
	return false, nil
}

// text is the term as written.
func (c arrClause) text() string {
	t := c.field
	if len(c.sub) > 0 {
		t += "." + strings.Join(c.sub, ".")
	}
	return t + c.op + c.value
}

// matchCandidates lists the values a term compares with: list elements
// are candidates one by one and sub-fields traverse dicts and lists.
func matchCandidates(v any, sub []string) []any {
	if len(sub) == 0 {
		if typeOf(v) == pyList {
			return listItems(v)
		}
		return []any{v}
	}
	switch typeOf(v) {
	case pyDict:
		next, ok := dictItems(v)[sub[0]]
		if !ok {
			return nil
		}
		return matchCandidates(next, sub[1:])
	case pyList:
		var out []any
		for _, e := range listItems(v) {
			out = append(out, matchCandidates(e, sub)...)
		}
		return out
	}
	return nil
}
