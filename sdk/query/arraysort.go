package query

import (
	"slices"
	"sort"
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// sortItems is process_array's sort_array: every field must be allowed
// (1403 "Not a valid sort field" with the lists in the remediation), keys
// are compared as tuples with strings lower-cased, and the sort is stable
// in both directions like Python's sorted(reverse=…). Values Python cannot
// order (None, mixed types) make Wazuh answer 500 code 1000; here they
// sort by type instead (see tupleCompare), since a sort field is valid
// input.
func sortItems(items []map[string]any, s Sort, allowed []string) *sdk.Error {
	if allowed == nil {
		allowed = fieldPaths(items[0])
	}
	ok := make(map[string]bool, len(allowed))
	for _, a := range allowed {
		ok[a] = true
	}
	var bad []string
	badSeen := map[string]bool{}
	for _, f := range s.Fields {
		if !ok[f] && !badSeen[f] {
			bad = append(bad, f)
			badSeen[f] = true
		}
	}
	if len(bad) > 0 {
		names := append([]string(nil), allowed...)
		sort.Strings(names)
		return sdk.NewError(1403).WithRemediation("Allowed sort fields: " + strings.Join(names, ", ") +
			". Wrong fields: " + strings.Join(bad, ", "))
	}
	type keyed struct {
		item map[string]any
		key  []any
	}
	rows := make([]keyed, len(items))
	for i, it := range items {
		k := make([]any, len(s.Fields))
		for j, f := range s.Fields {
			v := pathValue(it, f)
			if str, isStr := v.(string); isStr {
				v = strings.ToLower(str)
			}
			k[j] = v
		}
		rows[i] = keyed{item: it, key: k}
	}
	slices.SortStableFunc(rows, func(x, y keyed) int {
		a, b := x.key, y.key
		if s.Desc {
			a, b = b, a
		}
		return tupleCompare(a, b)
	})
	for i := range rows {
		items[i] = rows[i].item
	}
	return nil
}

// pathValue follows a dotted path through nested dicts; nil when absent.
func pathValue(item map[string]any, path string) any {
	var cur any = item
	for _, p := range strings.Split(path, ".") {
		if typeOf(cur) != pyDict {
			return nil
		}
		next, ok := dictItems(cur)[p]
		if !ok {
			return nil
		}
		cur = next
	}
	return cur
}

// fieldPaths lists the keys of item, nested dict keys as dotted paths too,
// the default allowed sort fields of a collection.
func fieldPaths(item map[string]any) []string {
	var out []string
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			out = append(out, prefix+k)
			if typeOf(v) == pyDict {
				walk(prefix+k+".", dictItems(v))
			}
		}
	}
	walk("", item)
	return out
}

// tupleCompare orders two sort keys as Python compares tuples: the first
// pair of elements that differ (==) decides with <, or unorderableCompare
// where Python raises TypeError.
func tupleCompare(a, b []any) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if pyEqual(a[i], b[i]) {
			continue
		}
		less, ok := pyLess(a[i], b[i])
		if !ok {
			return unorderableCompare(a[i], b[i])
		}
		if less {
			return -1
		}
		return 1
	}
	return cmpOrdered(int64(len(a)), int64(len(b)))
}

// unorderableCompare orders values Python cannot compare: by type (None
// first, as SQL sorts NULLs), then by their canonical key, a consistent
// total order.
func unorderableCompare(a, b any) int {
	ta, tb := typeRank(a), typeRank(b)
	if ta != tb {
		return cmpOrdered(int64(ta), int64(tb))
	}
	return strings.Compare(pyKey(a), pyKey(b))
}

// typeRank ranks types for unorderableCompare; numbers share one rank.
func typeRank(v any) pyType {
	switch t := typeOf(v); t {
	case pyBool, pyIntT, pyFloat:
		return pyIntT
	default:
		return t
	}
}
