package query

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// condition compiles one `field op value` comparison for the SQL engine,
// as WazuhDBQuery._process_filter (and the agents' override for group)
// does. op is already known to be valid.
func (c *Catalogue) condition(f *Field, op, value string) (Cond, *sdk.Error) {
	if value == "null" {
		// "null" is IS null whatever the operator, so != null loses its
		// negation too.
		return Cond{SQL: f.Expr + " IS null"}, nil
	}
	if f.Kind == KindDate {
		return c.dateCondition(f, op, value)
	}
	cmp := prepareComparison(f, op, value)
	switch {
	case f.Filter != nil:
		return f.Filter(cmp)
	case f.Kind == KindList:
		return listCondition(f, cmp)
	}
	return plainCondition(f, cmp), nil
}

// prepareComparison applies Wazuh's value rewriting: JSON-looking values
// are re-serialised compactly, ' and " become the LIKE wildcard _ (which
// turns the comparison into LIKE), then the field's Normalize.
//
// Wazuh re-dumps with json.dumps(separators=(',', ':')); json.Compact keeps
// the original number spelling and non-ASCII characters, which only
// differs for exotic inputs (1e2, "\u00e9").
func prepareComparison(f *Field, op, value string) Comparison {
	if value != "" && (value[0] == '{' || value[0] == '[') {
		var buf bytes.Buffer
		if json.Compact(&buf, []byte(value)) == nil {
			value = buf.String()
		}
	}
	quoted := strings.ContainsAny(value, `'"`)
	if quoted {
		value = replaceQuotes(value)
	}
	if f.Normalize != nil {
		value = f.Normalize(value)
	}
	return Comparison{Op: op, Value: value, Quoted: quoted}
}

// replaceQuotes turns ' and " into the single-character LIKE wildcard.
func replaceQuotes(v string) string {
	return strings.NewReplacer(`'`, "_", `"`, "_").Replace(v)
}

// plainCondition is the default comparison: COLLATE NOCASE for every
// operator, ~ as LIKE '%v%' (% and _ in v stay wildcards). A quoted value
// makes =, !=, < and > a LIKE without the surrounding % (so != loses its
// negation), as api-surface.md §5.1 describes.
func plainCondition(f *Field, cmp Comparison) Cond {
	switch {
	case cmp.Op == "~":
		return Cond{SQL: f.Expr + " LIKE ? COLLATE NOCASE", Args: []any{"%" + cmp.Value + "%"}}
	case cmp.Quoted:
		return Cond{SQL: f.Expr + " LIKE ? COLLATE NOCASE", Args: []any{cmp.Value}}
	}
	return Cond{SQL: f.Expr + " " + cmp.Op + " ? COLLATE NOCASE", Args: []any{cmp.Value}}
}

// listCondition is WazuhDBQueryAgents' group filter generalised to
// KindList: = and != test membership in the comma-separated list, ~ is a
// substring. A quoted value arrives as LIKE and takes the ~ branch. Other
// operators are 1409; Wazuh lists its operator set in hash order, here in
// the documented order.
func listCondition(f *Field, cmp Comparison) (Cond, *sdk.Error) {
	op := cmp.Op
	if cmp.Quoted {
		op = "~"
	}
	member := "(',' || " + f.Expr + " || ',') LIKE ?"
	switch op {
	case "=":
		return Cond{SQL: member, Args: []any{"%," + cmp.Value + ",%"}}, nil
	case "!=":
		return Cond{SQL: "NOT " + member, Args: []any{"%," + cmp.Value + ",%"}}, nil
	case "~":
		return Cond{SQL: f.Expr + " LIKE ?", Args: []any{"%" + cmp.Value + "%"}}, nil
	}
	return Cond{}, wazuhError(1409, "Valid operators for '"+f.Name+"' field: =, !=, ~. Used operator: "+op)
}

// dateCondition is WazuhDBQuery._filter_date. A relative value (digits,
// or digits and a d/h/m/s unit) compares with now minus that many
// seconds: < and = mean "more recent than" (col > now - secs), the other
// operators "older than" (col < now - secs). A date (prefix-matched
// YYYY-MM-DD[ HH:MM:SS[.f]][Z]) compares with strftime('%s', value). Both
// require the column to be non-NULL and get the catalogue's DateCondition.
func (c *Catalogue) dateCondition(f *Field, op, value string) (Cond, *sdk.Error) {
	var cond Cond
	switch {
	case isRelativeTime(value):
		secs, err := TimeframeSeconds(value)
		if err != nil {
			return Cond{}, err
		}
		qop := "<"
		if op == "<" || op == "=" {
			qop = ">"
		}
		cond = Cond{
			SQL:  f.Expr + " IS NOT NULL AND " + f.Expr + " " + qop + " strftime('%s', 'now') - ?",
			Args: []any{sqlInt(secs)},
		}
	case dateRegex.MatchString(value):
		sqlOp := op
		if op == "~" {
			sqlOp = "LIKE"
		}
		cond = Cond{
			SQL:  f.Expr + " IS NOT NULL AND " + f.Expr + " " + sqlOp + " strftime('%s', ?)",
			Args: []any{value},
		}
	default:
		return Cond{}, wazuhError(1412, value)
	}
	if c.DateCondition != "" {
		cond.SQL += " AND " + c.DateCondition
	}
	return cond, nil
}
