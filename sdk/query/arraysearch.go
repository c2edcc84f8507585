package query

import "strings"

// searchItems is search_array: an item matches when the lower-cased
// search text is a substring of the lower-cased str() of any of its
// values (nested dicts and lists included, keys never); Negate keeps the
// others.
func searchItems(arr []map[string]any, s Search, fields []string) []map[string]any {
	var only map[string]bool
	if fields != nil {
		only = make(map[string]bool, len(fields))
		for _, f := range fields {
			only[f] = true
		}
	}
	needle := strings.ToLower(s.Value)
	var out []map[string]any
	for _, it := range arr {
		if searchValue(it, only, needle) != s.Negate {
			out = append(out, it)
		}
	}
	return out
}

// searchValue reports whether needle occurs in any value of v.
func searchValue(v any, only map[string]bool, needle string) bool {
	switch typeOf(v) {
	case pyDict:
		for k, x := range dictItems(v) {
			if (only == nil || only[k]) && searchValue(x, only, needle) {
				return true
			}
		}
		return false
	case pyList:
		for _, x := range listItems(v) {
			if searchValue(x, only, needle) {
				return true
			}
		}
		return false
	}
	return strings.Contains(pyStrLower(v), needle)
}
