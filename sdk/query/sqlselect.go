package query

import (
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// selectFields resolves the selected columns (WazuhDBQuery._add_select_to_query):
// the requested fields in request order (duplicates dropped), or every
// selectable field; then the MinSelect fields unless distinct. Unknown or
// non-selectable fields give 1724 "Allowed select fields: <sorted>. Fields:
// <bad>" (Wazuh prints the bad ones in set order; here in request order).
// SingleDistinct catalogues reject more than one field first (1410).
func (c *Catalogue) selectFields(p Params) ([]*Field, *sdk.Error) {
	if c.SingleDistinct && p.Distinct && len(p.Select) > 1 {
		return nil, sdk.NewError(1410)
	}
	var cols []*Field
	seen := map[string]bool{}
	if len(p.Select) == 0 {
		for i := range c.Fields {
			if c.Fields[i].Flags&NoSelect == 0 {
				cols = append(cols, &c.Fields[i])
				seen[c.Fields[i].Name] = true
			}
		}
	} else {
		var bad []string
		badSeen := map[string]bool{}
		for _, name := range p.Select {
			f, ok := c.allowed(name, NoSelect)
			switch {
			case !ok && !badSeen[name]:
				bad = append(bad, name)
				badSeen[name] = true
			case ok && !seen[name]:
				cols = append(cols, f)
				seen[name] = true
			}
		}
		if len(bad) > 0 {
			return nil, wazuhError(1724, "Allowed select fields: "+strings.Join(c.namesWithout(NoSelect), ", ")+
				". Fields: "+strings.Join(bad, ", "))
		}
	}
	if !p.Distinct {
		for _, name := range c.MinSelect {
			if f, ok := c.Field(name); ok && !seen[name] {
				cols = append(cols, f)
				seen[name] = true
			}
		}
	}
	return cols, nil
}

// distinctCondition keeps rows whose selected columns are all non-NULL and
// non-empty, as Wazuh's distinct mode does.
func distinctCondition(cols []*Field) Cond {
	parts := make([]string, len(cols))
	for i, f := range cols {
		parts[i] = f.Expr + " IS NOT null AND " + f.Expr + " != ''"
	}
	return Cond{SQL: strings.Join(parts, " AND ")}
}

// orderBy is WazuhDBQuery._add_sort_to_query: the requested fields (all
// sortable, else 1403 "Allowed sort fields: <sorted>. Fields: <bad>") with
// one direction, or the default field. ORDER BY is binary (no NOCASE).
func (c *Catalogue) orderBy(s *Sort) (string, *sdk.Error) {
	dir := func(desc bool) string {
		if desc {
			return " DESC"
		}
		return " ASC"
	}
	exprs := func(f *Field, desc bool) []string {
		src := f.SortExprs
		if len(src) == 0 {
			src = []string{f.Expr}
		}
		out := make([]string, len(src))
		for i, e := range src {
			out[i] = e + dir(desc)
		}
		return out
	}
	if s != nil && len(s.Fields) > 0 {
		var parts, bad []string
		badSeen := map[string]bool{}
		for _, name := range s.Fields {
			f, ok := c.allowed(name, NoSort)
			if !ok {
				if !badSeen[name] {
					bad = append(bad, name)
					badSeen[name] = true
				}
				continue
			}
			parts = append(parts, exprs(f, s.Desc)...)
		}
		if len(bad) > 0 {
			return "", wazuhError(1403, "Allowed sort fields: "+strings.Join(c.namesWithout(NoSort), ", ")+
				". Fields: "+strings.Join(bad, ", "))
		}
		return " ORDER BY " + strings.Join(parts, ", "), nil
	}
	if c.DefaultSort == "" {
		return "", nil
	}
	desc := c.DefaultDesc
	if s != nil {
		desc = s.Desc
	}
	if f, ok := c.Field(c.DefaultSort); ok {
		return " ORDER BY " + strings.Join(exprs(f, desc), ", "), nil
	}
	return " ORDER BY " + c.DefaultSort + dir(desc), nil
}
