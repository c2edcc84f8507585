package query

import (
	"net/url"
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// Limits of the common parameters (framework common.py and spec.yaml).
const (
	// DefaultLimit is the spec default of `limit` (DATABASE_LIMIT).
	DefaultLimit = 500
	// MaxLimit is the spec maximum of `limit` (MAXIMUM_DATABASE_LIMIT).
	MaxLimit = 100000
	// LogsMaxLimit is the maximum of `limit` on /manager/logs and
	// /cluster/{node_id}/logs (the spec's log_lines parameter).
	LogsMaxLimit = 500
	// NoLimit is a Params.Limit meaning Wazuh's limit=None (internal calls).
	NoLimit = -1
)

// Sort is a parsed `sort` parameter. Wazuh applies one direction to every
// field: "-a,b" sorts both a and b descending.
type Sort struct {
	// Fields are the field names in order, exactly as sent (a field with
	// a leading space, from an unencoded "+", is kept and later rejected).
	Fields []string
	// Desc is true when the value started with "-".
	Desc bool
}

// Search is a parsed `search` parameter.
type Search struct {
	// Value is the text to look for, without the negation sign.
	Value string
	// Negate is true when the value started with "-" (complementary search).
	Negate bool
}

// Params are the common list parameters of a Wazuh operation after
// connexion's validation and Wazuh's api.util parsing.
type Params struct {
	// Offset is the first item to return (default 0).
	Offset int
	// Limit is the maximum number of items (default 500, NoLimit for none).
	Limit int
	// Sort is nil when the request has no sort (the resource default applies).
	Sort *Sort
	// Search is nil when the request has no search.
	Search *Search
	// Select lists the requested fields; empty means all.
	Select []string
	// Distinct asks for distinct rows.
	Distinct bool
	// Q is the raw WQL query ("" for none).
	Q string
}

// Spec describes which common parameters an operation declares, in the
// order its spec lists them (connexion validates in that order and reports
// the first failure).
type Spec struct {
	// Order lists parameter names among "offset", "limit", "select",
	// "sort", "search", "q" and "distinct". Nil means DefaultOrder.
	Order []string
	// MaxLimit is the maximum of `limit`; 0 means MaxLimit (LogsMaxLimit
	// for the log endpoints).
	MaxLimit int
}

// DefaultOrder is the order of GET /agents and most listing operations.
var DefaultOrder = []string{"offset", "limit", "select", "sort", "search", "q", "distinct"}

// Parse reads the common parameters named by spec from q. Undeclared
// parameters keep their zero value, except Limit which is NoLimit when
// "limit" is not declared. The first invalid parameter in spec order gives
// connexion's code-less 400.
func Parse(q url.Values, spec Spec) (Params, *sdk.Error) {
	order := spec.Order
	if order == nil {
		order = DefaultOrder
	}
	p := Params{Limit: NoLimit}
	var err *sdk.Error
	for _, name := range order {
		switch name {
		case "offset":
			p.Offset, err = ParseOffset(q)
		case "limit":
			p.Limit, err = ParseLimit(q, spec.MaxLimit)
		case "select":
			p.Select, err = ParseSelectParam(q)
		case "sort":
			p.Sort, err = ParseSortParam(q)
		case "search":
			p.Search, err = ParseSearchParam(q)
		case "q":
			p.Q, _ = LastValue(q, "q")
		case "distinct":
			p.Distinct, err = ParseBool(q, "distinct", false)
		}
		if err != nil {
			return Params{}, err
		}
	}
	return p, nil
}

// ParseSort splits a raw sort value like Wazuh's api.util._parse_sort_param:
// a leading "-" or "+" sets the direction of every field, the rest is split
// on commas without trimming. An empty value (which the sort format
// rejects first; Python would raise IndexError) gives one empty field.
func ParseSort(s string) Sort {
	if s == "" {
		return Sort{Fields: []string{""}}
	}
	desc := s[0] == '-'
	if s[0] == '-' || s[0] == '+' {
		s = s[1:]
	}
	return Sort{Fields: strings.Split(s, ","), Desc: desc}
}

// ParseSearch splits a raw search value like _parse_search_param: a
// leading "-" means complementary search.
func ParseSearch(s string) Search {
	if strings.HasPrefix(s, "-") {
		return Search{Value: s[1:], Negate: true}
	}
	return Search{Value: s}
}
