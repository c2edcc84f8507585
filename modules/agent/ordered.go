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
		k, _ := json.Marshal(e.k)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(e.v)
		if err != nil {
			return nil, fmt.Errorf("agent: encode %q: %w", e.k, err)
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
