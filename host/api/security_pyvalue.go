package api

import (
	"github.com/wazuh-go/server/sdk/pyjson"
)

// Request bodies of the /security endpoints are decoded with pyjson (the
// values json.loads builds, keys in document order) so that validation
// messages print instances as Python's repr does (pyjson.Repr).

// pyType is the JSON-schema type name of a decoded value.
func pyType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case pyjson.Number:
		if !pyjson.IsInt(x) {
			return "number"
		}
		return "integer"
	case []any:
		return "array"
	case *pyjson.Object:
		return "object"
	}
	return "unknown"
}
