package query

import (
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// sqlSep maps a WQL separator to its SQL operator.
func sqlSep(sep string) string {
	switch sep {
	case ";":
		return "AND"
	case ",":
		return "OR"
	}
	return ""
}

// renderedWQL is a WQL query rendered as one condition, or the SQLite error
// that Wazuh's rendering of it would provoke.
type renderedWQL struct {
	cond Cond
	// syntax is SQLite's message for the invalid SQL Wazuh would build
	// (dangling separator, missing separator, unbalanced parentheses); the
	// condition is then unusable and Compile reports 2003.
	syntax string
}

// renderWQL renders checked clauses with WazuhDBQuery's level algorithm:
// every term is parenthesised, a term whose nesting level (opens minus
// closes so far, including its own) rises opens the difference before it
// and one whose level falls closes the difference after it. Terms with the
// value "all" are skipped (_pass_filter) but still move the level, and
// their separator is lost. fields[i] is the field of clauses[i].
//
// Where Wazuh's SQL would be malformed, the SQLite message is recorded
// instead of emitting unbalanced SQL: the condition is always balanced, so
// it can never escape its group. The message assumes Wazuh's statement
// shape (q last, then the search condition or the closing parenthesis of
// the COUNT sub-query).
func (c *Catalogue) renderWQL(clauses []Clause, fields []*Field, hasSearch bool) (renderedWQL, *sdk.Error) {
	var b strings.Builder
	var out renderedWQL
	near := func(sep string) string {
		tok := sqlSep(sep)
		switch {
		case tok != "":
		case hasSearch:
			tok = "AND"
		default:
			tok = ")"
		}
		return `near "` + tok + `": syntax error`
	}
	problem := func(msg string) {
		if out.syntax == "" {
			out.syntax = msg
		}
	}
	level, depth, emitted, prevSep := 0, 0, 0, ""
	for i, cl := range clauses {
		level += cl.Open - cl.Close
		if cl.Value == "all" {
			continue
		}
		cond, err := c.condition(fields[i], cl.Op, cl.Value)
		if err != nil {
			return renderedWQL{}, err
		}
		if emitted > 0 {
			if prevSep == "" {
				problem(`near "(": syntax error`)
			}
			b.WriteString(" " + sqlSep(prevSep) + " ")
		}
		if level > depth {
			b.WriteString(strings.Repeat("(", level-depth))
		}
		b.WriteString("(" + cond.SQL + ")")
		out.cond.Args = append(out.cond.Args, cond.Args...)
		if level < depth {
			b.WriteString(strings.Repeat(")", depth-level))
		}
		if level < 0 {
			problem(near(cl.Sep))
		}
		depth, prevSep = level, cl.Sep
		emitted++
	}
	if emitted > 0 {
		if prevSep != "" {
			problem(near(""))
		}
		if depth > 0 {
			problem("incomplete input")
		}
	}
	out.cond.SQL = b.String()
	return out, nil
}

// legacyFilter is a module filter parameter (status, os.platform, …).
type legacyFilter struct {
	field  string
	values []string
}

// renderFilters is WazuhDBQuery._parse_legacy_filters: each value is an
// `=` comparison (so COLLATE NOCASE, quotes, null and KindList apply),
// values of one field are ORed, fields are ANDed and "all" is skipped.
func (c *Catalogue) renderFilters(filters []legacyFilter) (Cond, *sdk.Error) {
	var groups []string
	var args []any
	for _, lf := range filters {
		f, ok := c.Field(lf.field)
		if !ok {
			return Cond{}, internalError()
		}
		var ors []string
		for _, v := range lf.values {
			if v == "all" {
				continue
			}
			cond, err := c.condition(f, "=", v)
			if err != nil {
				return Cond{}, err
			}
			ors = append(ors, "("+cond.SQL+")")
			args = append(args, cond.Args...)
		}
		if len(ors) > 0 {
			groups = append(groups, "("+strings.Join(ors, " OR ")+")")
		}
	}
	return Cond{SQL: strings.Join(groups, " AND "), Args: args}, nil
}

// searchCondition is WazuhDBQuery._add_search_to_query: `expr LIKE '%v%'
// AND expr IS NOT NULL` ORed over every searchable field (Internal fields
// included), ' and " turned into _, % and _ left as wildcards; IDSearch
// fields follow as `expr LIKE v` with v an integer when it is all digits.
// Negate wraps the whole disjunction in NOT.
func (c *Catalogue) searchCondition(s *Search) Cond {
	like := "%" + replaceQuotes(s.Value) + "%"
	var parts []string
	var args []any
	for _, f := range c.Fields {
		if f.Flags&(NoSearch|IDSearch) == 0 {
			parts = append(parts, "("+f.Expr+" LIKE ? AND "+f.Expr+" IS NOT NULL)")
			args = append(args, like)
		}
	}
	for _, f := range c.Fields {
		if f.Flags&IDSearch != 0 && f.Flags&NoSearch == 0 {
			var arg any = s.Value
			if pyIsDigits(s.Value) {
				n, _ := pyInt(s.Value)
				arg = sqlInt(n)
			}
			parts = append(parts, f.Expr+" LIKE ?")
			args = append(args, arg)
		}
	}
	if len(parts) == 0 {
		return Cond{}
	}
	sql := "(" + strings.Join(parts, " OR ") + ")"
	if s.Negate {
		sql = "NOT " + sql
	}
	return Cond{SQL: sql, Args: args}
}

// syntaxError words a SQLite syntax error the way wazuh-db reports it for
// the catalogue's backend (the text after "err ").
func (c *Catalogue) syntaxError(sqlite string) *sdk.Error {
	switch c.Backend {
	case BackendAgent, BackendTask:
		return wdbRequestError("Cannot execute SQL query")
	case BackendMitre:
		return wdbRequestError("Cannot execute Mitre database query; " + sqlite)
	}
	return wdbRequestError("Cannot execute Global database query; " + sqlite)
}
