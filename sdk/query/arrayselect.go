package query

import (
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// selectItems is process_array's select_array. Only the non-nested select
// fields are validated, against allowed, and the 1724 extra lists all of
// them, not just the bad ones (Wazuh joins a set; here in request order).
// Each item keeps the required fields it has plus the selected paths it
// has; nested paths are merged into nested objects.
func selectItems(items []map[string]any, sel, required, allowed []string) ([]map[string]any, *sdk.Error) {
	var flat []string
	seen := map[string]bool{}
	for _, f := range sel {
		if !strings.Contains(f, ".") && !seen[f] {
			flat = append(flat, f)
			seen[f] = true
		}
	}
	ok := make(map[string]bool, len(allowed))
	for _, a := range allowed {
		ok[a] = true
	}
	for _, f := range flat {
		if !ok[f] {
			return nil, wazuhError(1724, strings.Join(flat, ", "))
		}
	}
	out := make([]map[string]any, len(items))
	for i, it := range items {
		row := map[string]any{}
		for _, r := range required {
			if v, ok := it[r]; ok {
				row[r] = v
			}
		}
		for _, f := range sel {
			if v, ok := nestedSelect(it, strings.Split(f, ".")); ok {
				mergeInto(row, strings.Split(f, "."), v)
			}
		}
		out[i] = row
	}
	return out, nil
}

// nestedSelect is get_nested_fields: the value at path when every step is
// a dict holding the key.
func nestedSelect(item map[string]any, path []string) (any, bool) {
	var cur any = item
	for _, p := range path {
		if typeOf(cur) != pyDict {
			return nil, false
		}
		next, ok := dictItems(cur)[p]
		if !ok {
			return nil, false
		}
		cur = next
	}
	return cur, true
}

// mergeInto stores v at path in row, creating or reusing nested objects.
func mergeInto(row map[string]any, path []string, v any) {
	m := row
	for _, p := range path[:len(path)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[path[len(path)-1]] = v
}
