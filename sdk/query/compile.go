package query

import (
	"strconv"
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// Query is a compiled SQL listing: the page query and its count query.
type Query struct {
	// SQL selects the page: SELECT … FROM … WHERE … ORDER BY … LIMIT ? OFFSET ?.
	SQL string
	// Args are the values of SQL's placeholders, in order.
	Args []any
	// CountSQL counts every match before offset/limit (Wazuh's totalItems):
	// SELECT COUNT(*) FROM (<SQL without ORDER BY and LIMIT>).
	CountSQL string
	// CountArgs are the values of CountSQL's placeholders.
	CountArgs []any
	// Columns are the public names of the selected columns, in SQL order;
	// each column is aliased with its name (use Nest for dotted names).
	Columns []string
	// Flatten is set in SingleDistinct mode: Wazuh returns the bare values
	// of the only column instead of objects.
	Flatten bool
}

// Option adds conditions to Compile.
type Option func(*compileOptions)

type compileOptions struct {
	where   []Cond
	filters []legacyFilter
}

// Where ANDs a trusted condition before every other one (e.g. the RBAC id
// list, built with In).
func Where(c Cond) Option {
	return func(o *compileOptions) {
		if c.SQL != "" {
			o.where = append(o.where, c)
		}
	}
}

// Filter adds a legacy filter parameter: field equals one of values
// (ORed), ANDed with the other filters. "all" is skipped, "null" is IS
// null, comparisons are COLLATE NOCASE and follow the field's kind.
func Filter(field string, values ...string) Option {
	return func(o *compileOptions) {
		o.filters = append(o.filters, legacyFilter{field: field, values: values})
	}
}

// In builds `expr IN (?, …)`, or `expr NOT IN (…)` when negate, as the
// RBAC filter of WazuhDBQuery does. An empty list is valid SQLite (IN ()
// is false, NOT IN () is true).
func In(expr string, negate bool, values ...any) Cond {
	op := " IN ("
	if negate {
		op = " NOT IN ("
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(values)), ",")
	return Cond{SQL: expr + op + marks + ")", Args: append([]any(nil), values...)}
}

// Compile builds the page and count queries for p, in WazuhDBQuery's
// order of checks: limit (1405/1406), select (1410/1724), q syntax, fields
// and operators (1407/1408/1409), filter values (1411/1412, KindList 1409),
// sort (1403), and finally the SQL Wazuh would send, whose syntax errors
// wazuh-db reports as 2003. The WHERE clause is
// (extra conditions) AND (legacy filters) AND (q) AND (search) AND
// (distinct non-empty tests), each group parenthesised.
func (c *Catalogue) Compile(p Params, opts ...Option) (*Query, *sdk.Error) {
	var o compileOptions
	for _, opt := range opts {
		opt(&o)
	}
	if err := checkLimit(p.Limit); err != nil {
		return nil, err
	}
	cols, err := c.selectFields(p)
	if err != nil {
		return nil, err
	}
	clauses, err := ParseWQL(p.Q)
	if err != nil {
		return nil, err
	}
	clauseFields, err := c.checkClauses(clauses)
	if err != nil {
		return nil, err
	}
	legacy, err := c.renderFilters(o.filters)
	if err != nil {
		return nil, err
	}
	wql, err := c.renderWQL(clauses, clauseFields, p.Search != nil)
	if err != nil {
		return nil, err
	}
	groups := append([]Cond(nil), o.where...)
	groups = append(groups, legacy, wql.cond)
	if p.Search != nil {
		groups = append(groups, c.searchCondition(p.Search))
	}
	if p.Distinct {
		groups = append(groups, distinctCondition(cols))
	}
	orderBy, err := c.orderBy(p.Sort)
	if err != nil {
		return nil, err
	}
	if wql.syntax != "" {
		return nil, c.syntaxError(wql.syntax)
	}
	return c.assemble(p, cols, groups, orderBy), nil
}

// assemble writes the final statements.
func (c *Catalogue) assemble(p Params, cols []*Field, groups []Cond, orderBy string) *Query {
	q := &Query{Flatten: c.SingleDistinct && p.Distinct}
	var b strings.Builder
	b.WriteString("SELECT ")
	if p.Distinct {
		b.WriteString("DISTINCT ")
	}
	for i, f := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(f.Expr + " AS " + quoteIdent(f.Name))
		q.Columns = append(q.Columns, f.Name)
	}
	b.WriteString(" FROM " + c.From)
	var where []string
	for _, g := range groups {
		if g.SQL != "" {
			where = append(where, "("+g.SQL+")")
			q.CountArgs = append(q.CountArgs, g.Args...)
		}
	}
	if len(where) > 0 {
		b.WriteString(" WHERE " + strings.Join(where, " AND "))
	}
	if c.GroupBy != "" {
		b.WriteString(" GROUP BY " + c.GroupBy)
	}
	base := b.String()
	q.CountSQL = "SELECT COUNT(*) FROM (" + base + ")"
	q.SQL = base + orderBy + " LIMIT ? OFFSET ?"
	q.Args = append(append([]any(nil), q.CountArgs...), p.Limit, p.Offset)
	return q
}

// quoteIdent quotes a column alias as a SQL identifier.
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// checkLimit is WazuhDBQuery.__init__'s limit check: above MaxLimit is
// 1405, zero is 1406; NoLimit (negative) passes.
func checkLimit(limit int) *sdk.Error {
	if limit > MaxLimit {
		return wazuhError(1405, strconv.Itoa(limit))
	}
	if limit == 0 {
		return sdk.NewError(1406)
	}
	return nil
}

// checkClauses is the per-term check of WazuhDBQuery._parse_query: the
// field must be queryable (1408), then the operator valid (1409).
func (c *Catalogue) checkClauses(clauses []Clause) ([]*Field, *sdk.Error) {
	fields := make([]*Field, len(clauses))
	for i, cl := range clauses {
		f, ok := c.allowed(cl.Field, NoQuery)
		if !ok {
			return nil, wazuhError(1408, "Available fields: "+strings.Join(c.namesWithout(NoQuery), ", ")+
				". Field: "+cl.Field)
		}
		if !isValidOp(cl.Op) {
			return nil, wazuhError(1409, "Valid operators: "+strings.Join(validOps, ", ")+". Used operator: "+cl.Op)
		}
		fields[i] = f
	}
	return fields, nil
}
