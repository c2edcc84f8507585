package main

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// kv is one key of an orderedMap.
type kv struct {
	k string
	v any
}

// orderedMap is a JSON object that keeps Wazuh's insertion order.
type orderedMap []kv

// MarshalJSON writes the keys in order.
func (o orderedMap) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // Python's json.dumps leaves <, > and & alone
		if err := enc.Encode(e.k); err != nil {
			return nil, fmt.Errorf("agent: encode key %q: %w", e.k, err)
		}
		b.Truncate(b.Len() - 1) // Encode's newline
		b.WriteByte(':')
		if err := enc.Encode(e.v); err != nil {
			return nil, fmt.Errorf("agent: encode %q: %w", e.k, err)
		}
		b.Truncate(b.Len() - 1)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
