package query

import (
	"regexp"

	"github.com/wazuh-go/server/sdk"
)

// The WQL value grammar shared by both engines (WazuhDBQuery.query_regex and
// filter_array_by_query's re_get_elements). Python's \w is Unicode, so it
// becomes [\p{L}\p{N}_]. A value is a run of plain characters or [...]
// groups (which may hold commas), with glued (...) groups around them.
const (
	pyW = `\p{L}\p{N}_`
	// sqlValueChars is the plain value class of the [SQL] engine.
	sqlValueChars = `\[\]` + pyW + ` \-.:?\\/'"=@%<>{}$`
	// arrValueChars is the [ARR] class: the same without "$".
	arrValueChars = `\[\]` + pyW + ` \-.:?\\/'"=@%<>{}`
)

// wqlValue builds the value sub-pattern for a plain character class.
func wqlValue(chars string) string {
	group := `\[[` + chars + `,]*]`
	paren := `(?:\((?:` + group + `|[` + chars + `]*)\))*`
	return `((?:` + paren + `(?:` + group + `|[` + chars + `]+)` + paren + `)+)`
}

// wqlRegex is the [SQL] engine's clause pattern: open parentheses, field,
// operator (1–2 of = ! < > ~), value, close parentheses, separator.
var wqlRegex = regexp.MustCompile(`(\(+)?([` + pyW + `.]+)([=!<>~]{1,2})` + wqlValue(sqlValueChars) +
	`(\)+)?([,;])?`)

// Clause is one `field op value` term of a WQL query with the parentheses
// and the separator around it.
type Clause struct {
	// Open and Close count the parentheses before and after the term.
	Open, Close int
	// Field is the field name as written (dots allowed).
	Field string
	// Op is the operator as written, 1 or 2 characters; only = != < > ~
	// are valid (checked against a catalogue, 1409).
	Op string
	// Value is the raw value ("null" means IS NULL, "all" skips the term).
	Value string
	// Sep is ";" (AND), "," (OR) or "" (none).
	Sep string
}

// ParseWQL parses q with the [SQL] engine's grammar. Like WazuhDBQuery it
// only checks that the pattern matches at the start of q (else 1407
// "Query does not match expected format: <q>"), then collects every
// non-overlapping match: text the pattern cannot consume is silently
// dropped ("status=active&junk" is "status=active"). An empty q gives no
// clauses. Field and operator validity are checked by Catalogue.Compile.
func ParseWQL(q string) ([]Clause, *sdk.Error) {
	if q == "" {
		return nil, nil
	}
	matches := wqlRegex.FindAllStringSubmatchIndex(q, -1)
	if len(matches) == 0 || matches[0][0] != 0 {
		return nil, wazuhError(1407, q)
	}
	out := make([]Clause, 0, len(matches))
	for _, m := range matches {
		group := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return q[m[2*i]:m[2*i+1]]
		}
		out = append(out, Clause{
			Open:  len(group(1)),
			Field: group(2),
			Op:    group(3),
			Value: group(4),
			Close: len(group(5)),
			Sep:   group(6),
		})
	}
	return out, nil
}

// validOps are the operators both engines accept, in Wazuh's listing order.
var validOps = []string{"=", "!=", "<", ">", "~"}

// isValidOp reports whether op is one of validOps.
func isValidOp(op string) bool {
	switch op {
	case "=", "!=", "<", ">", "~":
		return true
	}
	return false
}
