package pyjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// DefaultMaxDepth bounds the nesting accepted by Decode.
const DefaultMaxDepth = 512

// ErrTooDeep is returned when a document nests deeper than the limit.
var ErrTooDeep = errors.New("pyjson: maximum nesting depth exceeded")

// Decode parses one JSON document with DefaultMaxDepth.
func Decode(data []byte) (Value, error) {
	return DecodeDepth(data, DefaultMaxDepth)
}

// DecodeDepth parses one JSON document, refusing nesting deeper than
// maxDepth arrays/objects and any trailing data.
func DecodeDepth(data []byte, maxDepth int) (Value, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec, maxDepth)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("pyjson: trailing data after JSON value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder, depth int) (Value, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("pyjson: %w", err)
	}
	return fromToken(dec, tok, depth)
}

func fromToken(dec *json.Decoder, tok json.Token, depth int) (Value, error) {
	switch t := tok.(type) {
	case json.Delim:
		if depth <= 0 {
			return nil, ErrTooDeep
		}
		if t == '[' {
			return decodeArray(dec, depth-1)
		}
		if t == '{' {
			return decodeObject(dec, depth-1)
		}
		return nil, fmt.Errorf("pyjson: unexpected delimiter %q", t)
	case json.Number:
		return Number(t), nil
	case string, bool, nil:
		return t, nil
	default:
		return nil, fmt.Errorf("pyjson: unexpected token %v", tok)
	}
}

func decodeArray(dec *json.Decoder, depth int) (Value, error) {
	arr := []Value{}
	for dec.More() {
		v, err := decodeValue(dec, depth)
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
	}
	if _, err := dec.Token(); err != nil { // ']'
		return nil, fmt.Errorf("pyjson: %w", err)
	}
	return arr, nil
}

func decodeObject(dec *json.Decoder, depth int) (Value, error) {
	obj := NewObject()
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("pyjson: %w", err)
		}
		key, ok := kt.(string)
		if !ok {
			return nil, fmt.Errorf("pyjson: object key is not a string")
		}
		v, err := decodeValue(dec, depth)
		if err != nil {
			return nil, err
		}
		obj.Set(key, v)
	}
	if _, err := dec.Token(); err != nil { // '}'
		return nil, fmt.Errorf("pyjson: %w", err)
	}
	return obj, nil
}
