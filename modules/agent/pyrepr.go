package main

import (
	"bytes"

	"github.com/wazuh-go/server/sdk/pyjson"
)

// pyJSONRepr is Python's repr of a JSON value after json.loads, as
// jsonschema prints the instance of a type error ("['a'] is not of type
// 'object'"). Text that is not JSON is shown as a Python str.
func pyJSONRepr(raw []byte) string {
	v, err := pyjson.Decode(bytes.TrimSpace(raw))
	if err != nil {
		return pyjson.StrRepr(string(raw))
	}
	return pyjson.Repr(v)
}
