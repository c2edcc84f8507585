package main

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pyjson"
)

// bodyField is one property of a request body schema.
type bodyField struct {
	name   string
	schema strSchema // for string properties
	object bool      // nested object (force)
	// check validates a nested object's properties (set with object).
	check func(json.RawMessage) *sdk.Error
}

// parseBody decodes a JSON object body and validates it like connexion
// (properties in schema order, then required) followed by Wazuh's unknown
// field check ("Invalid field found {'x'}").
func parseBody(body []byte, fields []bodyField, required ...string) (map[string]json.RawMessage, *sdk.Error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, sdk.BadRequest("RequestBody is required")
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return nil, sdk.BadRequest(pyJSONRepr(body) + " is not of type 'object'")
	}
	known := map[string]bool{}
	for _, f := range fields {
		known[f.name] = true
		raw, ok := obj[f.name]
		if !ok {
			continue
		}
		if f.object {
			if len(raw) == 0 || raw[0] != '{' {
				return nil, sdk.BadRequest(pyJSONRepr(raw) + " is not of type 'object' - '" + f.name + "'")
			}
			if f.check != nil {
				if err := f.check(raw); err != nil {
					return nil, err
				}
			}
			continue
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, sdk.BadRequest(pyJSONRepr(raw) + " is not of type 'string' - '" + f.name + "'")
		}
		if err := f.schema.check(s, -1); err != nil {
			first, _, _ := strings.Cut(err.Message, ". Failed validating")
			return nil, sdk.BadRequest(first + " - '" + f.name + "'")
		}
	}
	for _, r := range required {
		if _, ok := obj[r]; !ok {
			return nil, sdk.BadRequest("'" + r + "' is a required property")
		}
	}
	var unknown []string
	for k := range obj {
		if !known[k] {
			unknown = append(unknown, pyjson.StrRepr(k))
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, sdk.BadRequest("Invalid field found {" + strings.Join(unknown, ", ") + "}")
	}
	return obj, nil
}

// bodyString returns a string property ("" when absent).
func bodyString(obj map[string]json.RawMessage, name string) string {
	var s string
	_ = json.Unmarshal(obj[name], &s)
	return s
}
