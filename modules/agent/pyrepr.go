package main

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/wazuh-go/server/sdk/pyjson"
)

// pyJSONRepr is Python's repr of a JSON value after json.loads, as
// jsonschema prints the instance of a type error ("['a'] is not of type
// 'object'"): lists and dicts in Python syntax (dict keys in document
// order), True/False/None, ints as written and floats as Python's repr.
// Text that is not JSON is shown as a Python str.
func pyJSONRepr(raw []byte) string {
	v, err := decodeOrdered(bytes.TrimSpace(raw))
	if err != nil {
		return pyRepr(string(raw))
	}
	var b strings.Builder
	writePyRepr(&b, v)
	return b.String()
}

func writePyRepr(b *strings.Builder, v any) {
	switch x := v.(type) {
	case string:
		b.WriteString(pyRepr(x))
	case bool:
		if x {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case nil:
		b.WriteString("None")
	case json.Number:
		b.WriteString(pyjson.NumberStr(pyjson.Number(x)))
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writePyRepr(b, e)
		}
		b.WriteByte(']')
	case orderedMap:
		b.WriteByte('{')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(pyRepr(e.k))
			b.WriteString(": ")
			writePyRepr(b, e.v)
		}
		b.WriteByte('}')
	}
}
