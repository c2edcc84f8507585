package authd

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Force holds authd's rules for replacing an existing agent that has the same
// name, IP or ID as a new registration (ossec.conf <auth><force>).
type Force struct {
	// Enabled allows replacement at all; when false a duplicate is an error.
	Enabled bool
	// DisconnectedTimeEnabled requires the old agent to be never_connected,
	// or disconnected for at least DisconnectedTime.
	DisconnectedTimeEnabled bool
	// DisconnectedTime is the minimum disconnection time.
	DisconnectedTime time.Duration
	// AfterRegistrationTime is the minimum age of the old registration
	// (0 disables the check).
	AfterRegistrationTime time.Duration
	// KeyMismatch only replaces agents whose key differs from the requester's
	// key hash. The API never sends a hash, so it has no effect here.
	KeyMismatch bool
}

// DefaultForce is authd's default <force> block: enabled, key_mismatch,
// disconnected_time enabled with 1h, after_registration_time 1h.
func DefaultForce() Force {
	return Force{
		Enabled:                 true,
		DisconnectedTimeEnabled: true,
		DisconnectedTime:        time.Hour,
		AfterRegistrationTime:   time.Hour,
		KeyMismatch:             true,
	}
}

// APIDefaultForce is what POST /agents sends when the body has no "force":
// enabled false, disconnected_time {enabled true, "1h"},
// after_registration_time "1h", key_mismatch true.
func APIDefaultForce() Force {
	f := DefaultForce()
	f.Enabled = false
	return f
}

type forceWire struct {
	Enabled          *bool `json:"enabled"`
	DisconnectedTime *struct {
		Enabled *bool           `json:"enabled"`
		Value   json.RawMessage `json:"value"`
	} `json:"disconnected_time"`
	AfterRegistrationTime json.RawMessage `json:"after_registration_time"`
	KeyMismatch           *bool           `json:"key_mismatch"`
}

// MarshalJSON encodes f in the shape the API sends:
// {"enabled":b,"disconnected_time":{"enabled":b,"value":"1h"},
// "after_registration_time":"1h","key_mismatch":b}.
func (f Force) MarshalJSON() ([]byte, error) {
	type dt struct {
		Enabled bool   `json:"enabled"`
		Value   string `json:"value"`
	}
	return json.Marshal(struct {
		Enabled               bool   `json:"enabled"`
		DisconnectedTime      dt     `json:"disconnected_time"`
		AfterRegistrationTime string `json:"after_registration_time"`
		KeyMismatch           bool   `json:"key_mismatch"`
	}{f.Enabled, dt{f.DisconnectedTimeEnabled, FormatTimeValue(f.DisconnectedTime)},
		FormatTimeValue(f.AfterRegistrationTime), f.KeyMismatch})
}

// UnmarshalJSON decodes a "force" object over DefaultForce.
func (f *Force) UnmarshalJSON(b []byte) error {
	d := DefaultForce()
	if err := d.merge(b); err != nil {
		return err
	}
	*f = d
	return nil
}

// merge overrides f with the fields present in raw.
func (f *Force) merge(raw json.RawMessage) error {
	var w forceWire
	if err := json.Unmarshal(raw, &w); err != nil {
		return fmt.Errorf("authd: force: %w", err)
	}
	if w.Enabled != nil {
		f.Enabled = *w.Enabled
	}
	if w.KeyMismatch != nil {
		f.KeyMismatch = *w.KeyMismatch
	}
	if dt := w.DisconnectedTime; dt != nil {
		if dt.Enabled != nil {
			f.DisconnectedTimeEnabled = *dt.Enabled
		}
		if len(dt.Value) > 0 {
			d, err := parseTimeJSON(dt.Value)
			if err != nil {
				return err
			}
			f.DisconnectedTime = d
		}
	}
	if len(w.AfterRegistrationTime) > 0 {
		d, err := parseTimeJSON(w.AfterRegistrationTime)
		if err != nil {
			return err
		}
		f.AfterRegistrationTime = d
	}
	return nil
}

func parseTimeJSON(raw json.RawMessage) (time.Duration, error) {
	if s, ok := jsonString(raw); ok {
		return ParseTimeValue(s)
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return 0, fmt.Errorf("authd: time value: %w", err)
	}
	return ParseTimeValue(n.String())
}

// ErrTimeValue is returned for a malformed Wazuh time value.
var ErrTimeValue = errors.New("authd: invalid time value")

// ParseTimeValue parses Wazuh's time notation (w_parse_time): a non-negative
// integer optionally followed by s, m, h, d or w; no suffix means seconds.
func ParseTimeValue(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	unit := time.Second
	if n := len(s); n > 0 {
		switch s[n-1] {
		case 's':
			s = s[:n-1]
		case 'm':
			unit, s = time.Minute, s[:n-1]
		case 'h':
			unit, s = time.Hour, s[:n-1]
		case 'd':
			unit, s = 24*time.Hour, s[:n-1]
		case 'w':
			unit, s = 7*24*time.Hour, s[:n-1]
		}
	}
	v, err := strconv.ParseUint(s, 10, 32)
	if err != nil {
		return 0, fmt.Errorf("%w %q: %w", ErrTimeValue, s, err)
	}
	return time.Duration(v) * unit, nil
}

// FormatTimeValue renders d in Wazuh's notation with the largest exact unit
// among h, m and s ("1h", "90m", "5s").
func FormatTimeValue(d time.Duration) string {
	secs := int64(d / time.Second)
	switch {
	case secs != 0 && secs%3600 == 0:
		return strconv.FormatInt(secs/3600, 10) + "h"
	case secs != 0 && secs%60 == 0:
		return strconv.FormatInt(secs/60, 10) + "m"
	default:
		return strconv.FormatInt(secs, 10) + "s"
	}
}
