package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"
)

// decodeOrdered decodes JSON keeping object key order (orderedMap) and
// number literals (json.Number), so a daemon's answer can be edited and
// re-encoded as Wazuh does after json.loads.
func decodeOrdered(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, fmt.Errorf("agent: decode json: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("agent: decode json: trailing data")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			out := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				out = append(out, v)
			}
			_, err := dec.Token()
			return out, err
		}
		out := orderedMap{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			out = out.set(k.(string), v)
		}
		_, err := dec.Token()
		return out, err
	}
	return tok, nil
}

// get returns the value of key.
func (o orderedMap) get(key string) (any, bool) {
	for _, e := range o {
		if e.k == key {
			return e.v, true
		}
	}
	return nil, false
}

// isoFromEpoch is Wazuh's get_date_from_timestamp rendered by the API's
// JSON encoder: a UTC datetime as "YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00".
// Values that are not numbers are returned unchanged.
func isoFromEpoch(v any) any {
	n, ok := v.(json.Number)
	if !ok {
		return v
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		return v
	}
	sec, frac := int64(f), f-float64(int64(f))
	t := time.Unix(sec, int64(frac*1e6+0.5)*1e3).UTC()
	if t.Nanosecond() == 0 {
		return t.Format("2006-01-02T15:04:05+00:00")
	}
	return t.Format("2006-01-02T15:04:05.000000+00:00")
}

// isoFromWazuhDate turns "YYYY-MM-DD HH:MM:SS" (an agent's getstate dates)
// into "YYYY-MM-DDTHH:MM:SS+00:00"; other values are returned unchanged.
func isoFromWazuhDate(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	t, err := time.Parse("2006-01-02 15:04:05", s)
	if err != nil {
		return v
	}
	return t.Format("2006-01-02T15:04:05+00:00")
}
