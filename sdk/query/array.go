package query

import (
	"strconv"

	"github.com/wazuh-go/server/sdk"
)

// ArrayOptions describe a collection for ApplyArray.
type ArrayOptions struct {
	// AllowedSort lists the sortable fields; nil allows every key (and
	// nested dotted path) of the first item.
	AllowedSort []string
	// AllowedSelect lists the selectable top-level fields; nil allows every
	// key found in the collection (before filtering).
	AllowedSelect []string
	// Required are top-level fields always kept by select (e.g. "id",
	// "name"), except in distinct mode.
	Required []string
	// SearchFields restricts search to these keys (at every nesting
	// level); nil searches every value.
	SearchFields []string
	// DefaultSort is used when the request has no sort (e.g. {"name"}).
	DefaultSort []string
	// DefaultDesc makes the default sort descending.
	DefaultDesc bool
}

// ApplyArray is Wazuh's process_array for an in-memory collection: sort,
// search, q, select, distinct, then offset/limit. It returns the page and
// the number of items before offset/limit. An empty collection returns
// an empty page and 0 without validating anything, as Wazuh does. The input
// slice is not modified; items are shared, not copied.
func ApplyArray(items []map[string]any, p Params, o ArrayOptions) ([]map[string]any, int, *sdk.Error) {
	if len(items) == 0 {
		return []map[string]any{}, 0, nil
	}
	arr := append([]map[string]any(nil), items...)
	s := Sort{Fields: o.DefaultSort, Desc: o.DefaultDesc}
	if p.Sort != nil {
		s = *p.Sort
	}
	if len(s.Fields) > 0 {
		if err := sortItems(arr, s, o.AllowedSort); err != nil {
			return nil, 0, err
		}
	}
	// process_array searches only `if search_text:`, so search=- (an
	// empty value, negated) filters nothing here, unlike the SQL engine.
	if p.Search != nil && p.Search.Value != "" {
		arr = searchItems(arr, *p.Search, o.SearchFields)
	}
	if p.Q != "" {
		var err *sdk.Error
		if arr, err = parseArrayQuery(p.Q).filter(arr); err != nil {
			return nil, 0, err
		}
	}
	if len(p.Select) > 0 {
		required := o.Required
		if p.Distinct {
			required = nil
		}
		allowed := o.AllowedSelect
		if allowed == nil {
			allowed = topLevelKeys(items)
		}
		var err *sdk.Error
		if arr, err = selectItems(arr, p.Select, required, allowed); err != nil {
			return nil, 0, err
		}
	}
	if p.Distinct {
		arr = distinctItems(arr)
	}
	page, err := cutItems(arr, p.Offset, p.Limit)
	if err != nil {
		return nil, 0, err
	}
	return page, len(arr), nil
}

// cutItems is cut_array: 1405 above MaxLimit, 1406 for zero, 1400 for a
// negative offset; NoLimit returns everything and ignores the offset.
func cutItems(arr []map[string]any, offset, limit int) ([]map[string]any, *sdk.Error) {
	if limit < 0 {
		if arr == nil {
			arr = []map[string]any{}
		}
		return arr, nil
	}
	if limit > MaxLimit {
		return nil, wazuhError(1405, strconv.Itoa(limit))
	}
	if limit == 0 {
		return nil, sdk.NewError(1406)
	}
	if offset < 0 {
		return nil, sdk.NewError(1400)
	}
	if offset >= len(arr) {
		return []map[string]any{}, nil
	}
	end := len(arr)
	if limit < end-offset {
		end = offset + limit
	}
	return arr[offset:end], nil
}

// distinctItems drops items equal (Python ==) to an earlier one.
func distinctItems(arr []map[string]any) []map[string]any {
	seen := make(map[string]bool, len(arr))
	var out []map[string]any
	for _, it := range arr {
		k := pyKey(it)
		if !seen[k] {
			seen[k] = true
			out = append(out, it)
		}
	}
	return out
}

// topLevelKeys lists every key found in the items.
func topLevelKeys(items []map[string]any) []string {
	seen := map[string]bool{}
	var out []string
	for _, it := range items {
		for k := range it {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}
