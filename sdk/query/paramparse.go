package query

import (
	"net/url"
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// LastValue returns the value of a scalar query parameter: connexion keeps
// the last one when it is repeated.
func LastValue(q url.Values, name string) (string, bool) {
	vs, ok := q[name]
	if !ok || len(vs) == 0 {
		return "", false
	}
	return vs[len(vs)-1], true
}

// ArrayValues returns the items of an array query parameter: repeated
// occurrences are joined with "," (form style, explode) and the result is
// split on ",". ok is false when the parameter is absent.
func ArrayValues(q url.Values, name string) (items []string, ok bool) {
	vs, ok := q[name]
	if !ok || len(vs) == 0 {
		return nil, false
	}
	return strings.Split(strings.Join(vs, ","), ","), true
}

// ParseInt reads an integer parameter as connexion does: Python int() on
// the last value (a value int() rejects stays a string and fails the
// "type" keyword), then minimum/maximum. present is false when the
// parameter is absent; the value is then the schema default (0 without one).
func ParseInt(q url.Values, name string, schema IntSchema) (v int, present bool, err *sdk.Error) {
	raw, present := LastValue(q, name)
	if !present {
		if schema.Default != nil {
			return *schema.Default, false, nil
		}
		return 0, false, nil
	}
	n, ok := pyInt(raw)
	if !ok {
		return 0, true, typeFailure(raw, "integer", schema.repr())
	}
	if err := schema.check(n); err != nil {
		return 0, true, err
	}
	return clampInt(n), true, nil
}

// OffsetSchema is the spec schema of `offset`.
var OffsetSchema = IntSchema{Format: "int32", Default: Int(0), Minimum: Int(0)}

// LimitSchema returns the spec schema of `limit` for a maximum (0 means
// MaxLimit).
func LimitSchema(maximum int) IntSchema {
	if maximum <= 0 {
		maximum = MaxLimit
	}
	return IntSchema{Format: "int32", Default: Int(DefaultLimit), Minimum: Int(1), Maximum: Int(maximum)}
}

// ParseOffset reads `offset` (default 0, minimum 0).
func ParseOffset(q url.Values) (int, *sdk.Error) {
	v, _, err := ParseInt(q, "offset", OffsetSchema)
	return v, err
}

// ParseLimit reads `limit` (default 500, 1..maximum; maximum 0 means
// MaxLimit). Out of range is connexion's 400 without a code, e.g.
// "100001 is greater than the maximum of 100000. …", never 1405/1406.
func ParseLimit(q url.Values, maximum int) (int, *sdk.Error) {
	v, _, err := ParseInt(q, "limit", LimitSchema(maximum))
	return v, err
}

// ParseBool reads a boolean parameter: "true"/"false" in any case, the
// last value winning. Anything else gives "'x' is not of type 'boolean'".
func ParseBool(q url.Values, name string, def bool) (bool, *sdk.Error) {
	raw, ok := LastValue(q, name)
	if !ok {
		return def, nil
	}
	switch strings.ToLower(raw) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, typeFailure(raw, "boolean", boolSchemaRepr(&def))
}

// ParseSortParam reads `sort`: the `sort` format, then ParseSort. It is nil
// when absent.
func ParseSortParam(q url.Values) (*Sort, *sdk.Error) {
	raw, ok := LastValue(q, "sort")
	if !ok {
		return nil, nil
	}
	if !ValidSort(raw) {
		return nil, formatFailure(raw, "sort", sortSchema, -1)
	}
	s := ParseSort(raw)
	return &s, nil
}

// ParseSearchParam reads `search`: the `search` format, then ParseSearch.
// It is nil when absent.
func ParseSearchParam(q url.Values) (*Search, *sdk.Error) {
	raw, ok := LastValue(q, "search")
	if !ok {
		return nil, nil
	}
	if !ValidSearch(raw) {
		return nil, formatFailure(raw, "search", searchSchema, -1)
	}
	s := ParseSearch(raw)
	return &s, nil
}

// ParseSelectParam reads `select`, an array of `names`: every item (after
// concatenating repeats and splitting on commas) must match the format;
// the first bad one is reported with its index. It is nil when absent.
func ParseSelectParam(q url.Values) ([]string, *sdk.Error) {
	items, ok := ArrayValues(q, "select")
	if !ok {
		return nil, nil
	}
	for i, it := range items {
		if !ValidNames(it) {
			return nil, formatFailure(it, "names", selectItemsSchema, i)
		}
	}
	return items, nil
}
