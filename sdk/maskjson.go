package sdk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ErrInvalidConfigJSON is wrapped by MaskSensitiveConfigJSON for input that
// is not exactly one valid JSON value.
var ErrInvalidConfigJSON = errors.New("sdk: configuration is not valid JSON")

// maskedJSONValue is SecretMask as a JSON string.
const maskedJSONValue = `"` + SecretMask + `"`

// MaskSensitiveConfigJSON rewrites JSON configuration (one JSON value, for
// example the "ok <json>" payload of a daemon's getconfig) replacing the
// value of every "key" and "authd.pass" member, at any depth and whatever its
// type, with "*****". Everything else, key order and layout included, is
// kept byte for byte. Member names are compared after unescaping, so
// "k\u0065y" is a key field too. Input that is not exactly one valid JSON
// value returns an error wrapping ErrInvalidConfigJSON and no output.
func MaskSensitiveConfigJSON(data []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var spans [][2]int64
	if err := maskJSONValue(dec, &spans, 0); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: data after the value", ErrInvalidConfigJSON)
	}
	if len(spans) == 0 {
		return data, nil
	}
	out := make([]byte, 0, len(data))
	var last int64
	for _, s := range spans {
		out = append(out, data[last:s[0]]...)
		out = append(out, maskedJSONValue...)
		last = s[1]
	}
	return append(out, data[last:]...), nil
}

// maskJSONValue reads one value from dec, recording in spans the byte ranges
// of sensitive members' values, in input order.
func maskJSONValue(dec *json.Decoder, spans *[][2]int64, depth int) error {
	if depth > maxMaskDepth {
		return errMaskDepth
	}
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidConfigJSON, err)
	}
	switch tok {
	case json.Delim('{'):
		for dec.More() {
			name, err := dec.Token()
			if err != nil {
				return fmt.Errorf("%w: %w", ErrInvalidConfigJSON, err)
			}
			key, ok := name.(string)
			if !ok || !sensitiveConfigField(key) {
				if err := maskJSONValue(dec, spans, depth+1); err != nil {
					return err
				}
				continue
			}
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return fmt.Errorf("%w: %w", ErrInvalidConfigJSON, err)
			}
			end := dec.InputOffset()
			*spans = append(*spans, [2]int64{end - int64(len(raw)), end})
		}
	case json.Delim('['):
		for dec.More() {
			if err := maskJSONValue(dec, spans, depth+1); err != nil {
				return err
			}
		}
	default:
		return nil // a scalar
	}
	if _, err := dec.Token(); err != nil { // the closing delimiter
		return fmt.Errorf("%w: %w", ErrInvalidConfigJSON, err)
	}
	return nil
}
