package wazuhdb

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
)

// jsonArgs is a parsed JSON object argument, read the way cJSON-based
// wazuh-db code reads it: a field of the wrong type counts as missing.
type jsonArgs map[string]json.RawMessage

// parseJSONArgs parses args as a JSON object. The error reply is wazuh-db's
// "Invalid JSON syntax, near '<first 32 bytes>'".
func parseJSONArgs(args string) (jsonArgs, []byte) {
	dec := json.NewDecoder(bytes.NewReader([]byte(args)))
	dec.UseNumber()
	var m jsonArgs
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil, errReply("Invalid JSON syntax, near '" + clip32(args) + "'")
	}
	return m, nil
}

// str returns a string field.
func (m jsonArgs) str(key string) (string, bool) {
	raw, ok := m[key]
	if !ok || len(raw) == 0 || raw[0] != '"' {
		return "", false
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false
	}
	return s, true
}

// strOrNil returns a string field as a query argument, nil when missing.
func (m jsonArgs) strOrNil(key string) any {
	if s, ok := m.str(key); ok {
		return s
	}
	return nil
}

// int returns a number field truncated to an integer like cJSON's valueint.
func (m jsonArgs) int(key string) (int64, bool) {
	raw, ok := m[key]
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		return 0, false
	}
	switch {
	case f >= math.MaxInt32:
		return math.MaxInt32, true
	case f <= math.MinInt32:
		return math.MinInt32, true
	}
	return int64(f), true
}

// bool returns a boolean field (false when missing or not a boolean).
func (m jsonArgs) bool(key string) bool {
	return string(m[key]) == "true"
}

// array returns an array field's elements.
func (m jsonArgs) array(key string) ([]json.RawMessage, bool) {
	raw, ok := m[key]
	if !ok || len(raw) == 0 || raw[0] != '[' {
		return nil, false
	}
	var out []json.RawMessage
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, false
	}
	return out, true
}

// missingFields is wazuh-db's reply when a JSON argument lacks a required field.
func missingFields() []byte { return errReply("Invalid JSON data, missing required fields") }
