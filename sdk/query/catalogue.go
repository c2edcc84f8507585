package query

import (
	"errors"
	"fmt"
	"sort"

	"github.com/wazuh-go/server/sdk"
)

// Kind is the kind of a field's values, which decides how WQL compares them.
type Kind uint8

const (
	// KindString is a plain value compared with COLLATE NOCASE.
	KindString Kind = iota
	// KindInt is an integer column; SQLite's affinity makes id=1 match 001.
	KindInt
	// KindDate is an epoch column: WQL accepts relative times (7d, 3600)
	// and dates (YYYY-MM-DD[ HH:MM:SS]), anything else is 1412.
	KindDate
	// KindList is a comma-separated list column such as the agents' group:
	// = and != test membership, ~ is a substring, other operators are 1409.
	KindList
)

// Flag restricts what a field may be used for. The zero value allows
// everything.
type Flag uint8

const (
	// NoSort rejects the field in `sort` (1403).
	NoSort Flag = 1 << iota
	// NoSelect rejects the field in `select` (1724) and leaves it out of
	// the default selection.
	NoSelect
	// NoQuery rejects the field in `q` (1408).
	NoQuery
	// NoSearch leaves the field out of `search`.
	NoSearch
	// IDSearch searches the field as `expr LIKE v` with v converted to an
	// integer when it is all digits, after the other fields, as Wazuh does
	// for agent ids (so search=1 matches agent 001 but not 010).
	IDSearch
)

// Internal is Wazuh's extra_fields: searchable, but neither selectable,
// sortable nor queryable (e.g. the agents' internal_key).
const Internal = NoSort | NoSelect | NoQuery

// Cond is a trusted SQL condition with its `?` arguments.
type Cond struct {
	// SQL is a boolean expression using only `?` placeholders for values.
	SQL string
	// Args are the placeholder values, in order.
	Args []any
}

// Comparison is one WQL or legacy-filter comparison handed to a FilterFunc.
type Comparison struct {
	// Op is the operator as written: "=", "!=", "<", ">" or "~".
	Op string
	// Value is the value after JSON compaction, quote replacement and the
	// field's Normalize.
	Value string
	// Quoted is true when the value had ' or " (now _): Wazuh then turns
	// the comparison into a LIKE.
	Quoted bool
}

// FilterFunc compiles a comparison on a field with custom SQL, replacing
// the kind's default. It is not called for "null" values (IS null).
type FilterFunc func(c Comparison) (Cond, *sdk.Error)

// Field describes one public field of a resource.
type Field struct {
	// Name is the public name; dots mean nesting in the output ("os.name").
	Name string
	// Expr is the SQL expression, e.g. "coalesce(ip,register_ip)".
	Expr string
	// Kind decides the WQL semantics.
	Kind Kind
	// Flags restrict the field's uses.
	Flags Flag
	// SortExprs replace Expr in ORDER BY when set, e.g.
	// {"CAST(os_major AS INTEGER)", "CAST(os_minor AS INTEGER)"}.
	SortExprs []string
	// Normalize rewrites WQL/filter values before comparison (the agents'
	// version field turns "Wazuhv4.2.0" into "Wazuh v4.2.0").
	Normalize func(string) string
	// Filter, when set, compiles comparisons on this field.
	Filter FilterFunc
}

// Backend names the wazuh-db backend a catalogue queries; it only decides
// the text of 2003 errors for WQL that renders malformed SQL.
type Backend uint8

const (
	// BackendGlobal is `global sql` (global.db).
	BackendGlobal Backend = iota
	// BackendAgent is `agent <id> sql` (per-agent DBs).
	BackendAgent
	// BackendTask is `task sql` (tasks.db).
	BackendTask
	// BackendMitre is `mitre sql` (mitre.db).
	BackendMitre
)

// Catalogue describes a resource for the SQL engine: its FROM clause, its
// fields and its defaults. Build it with NewCatalogue.
type Catalogue struct {
	// From is the FROM clause body: a table or a join.
	From string
	// GroupBy is an optional GROUP BY expression list.
	GroupBy string
	// Fields are the public fields, in output order.
	Fields []Field
	// MinSelect names the fields always selected (Wazuh's
	// min_select_fields, e.g. "id"), except in distinct mode.
	MinSelect []string
	// DefaultSort names the field sorted on when the request has no sort.
	DefaultSort string
	// DefaultDesc makes the default sort descending.
	DefaultDesc bool
	// DateCondition is ANDed to every date comparison (agents: "id != 0").
	DateCondition string
	// SingleDistinct is Wazuh's WazuhDBQueryDistinct: distinct accepts a
	// single select field (1410 otherwise).
	SingleDistinct bool
	// Backend decides the wording of 2003 errors.
	Backend Backend

	index map[string]int
}

// ErrBadCatalogue is wrapped by NewCatalogue's errors.
var ErrBadCatalogue = errors.New("query: invalid catalogue")

// NewCatalogue validates c and returns an indexed copy.
func NewCatalogue(c Catalogue) (*Catalogue, error) {
	out := c
	out.Fields = append([]Field(nil), c.Fields...)
	out.index = make(map[string]int, len(c.Fields))
	for i, f := range out.Fields {
		if f.Name == "" || f.Expr == "" {
			return nil, fmt.Errorf("field %d has no name or expression: %w", i, ErrBadCatalogue)
		}
		if _, dup := out.index[f.Name]; dup {
			return nil, fmt.Errorf("field %q declared twice: %w", f.Name, ErrBadCatalogue)
		}
		out.index[f.Name] = i
	}
	for _, m := range out.MinSelect {
		if _, ok := out.index[m]; !ok {
			return nil, fmt.Errorf("min select field %q is not a field: %w", m, ErrBadCatalogue)
		}
	}
	if out.From == "" {
		return nil, fmt.Errorf("no FROM clause: %w", ErrBadCatalogue)
	}
	return &out, nil
}

// MustCatalogue is NewCatalogue for package-level variables; it panics on
// an invalid catalogue.
func MustCatalogue(c Catalogue) *Catalogue {
	out, err := NewCatalogue(c)
	if err != nil {
		panic(err)
	}
	return out
}

// Field returns the field named name.
func (c *Catalogue) Field(name string) (*Field, bool) {
	if c.index != nil {
		i, ok := c.index[name]
		if !ok {
			return nil, false
		}
		return &c.Fields[i], true
	}
	for i := range c.Fields {
		if c.Fields[i].Name == name {
			return &c.Fields[i], true
		}
	}
	return nil, false
}

// allowed returns the field if it exists and lacks flag.
func (c *Catalogue) allowed(name string, flag Flag) (*Field, bool) {
	f, ok := c.Field(name)
	if !ok || f.Flags&flag != 0 {
		return nil, false
	}
	return f, true
}

// namesWithout returns the sorted names of the fields lacking flag, as
// Wazuh lists them in 1403/1408/1724 messages.
func (c *Catalogue) namesWithout(flag Flag) []string {
	var out []string
	for _, f := range c.Fields {
		if f.Flags&flag == 0 {
			out = append(out, f.Name)
		}
	}
	sort.Strings(out)
	return out
}
