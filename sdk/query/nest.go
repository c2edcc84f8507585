package query

import "strings"

// Nest turns a row keyed by public names into Wazuh's nested objects:
// {"os.name": "Ubuntu", "id": 1} becomes {"os": {"name": "Ubuntu"}, "id": 1}.
// A key without dots is kept as is.
func Nest(row map[string]any) map[string]any {
	out := make(map[string]any, len(row))
	for k, v := range row {
		parts := strings.Split(k, ".")
		m := out
		for _, p := range parts[:len(parts)-1] {
			next, ok := m[p].(map[string]any)
			if !ok {
				next = map[string]any{}
				m[p] = next
			}
			m = next
		}
		m[parts[len(parts)-1]] = v
	}
	return out
}
