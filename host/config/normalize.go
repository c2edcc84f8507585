package config

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/knadh/koanf/v2"
)

// normalizeFile prepares a configuration file's values the way Wazuh reads
// api.yaml, then checks them against the schema: "yes"/"no" strings become
// booleans, Wazuh's string values are lower-cased (except the https file
// names), and unknown keys, scalars given for sections and values of the
// wrong type are refused, all reported at once.
func normalizeFile(fk *koanf.Koanf) error {
	var errs, unknown []error
	keys := fk.Keys()
	sort.Strings(keys)
	for _, key := range keys {
		v := fk.Get(key)
		if _, known := lookupKind(key); !known {
			switch m, isMap := v.(map[string]any); {
			case isSection(key) && isMap && len(m) == 0:
				// An empty section keeps the defaults.
			case isSection(key):
				errs = append(errs, fmt.Errorf("%w: %s must be a mapping, got %v", ErrInvalid, key, v))
			default:
				unknown = append(unknown, errors.New(key))
			}
			continue
		}
		v = normalizeValue(key, yesNo(key, v))
		if key == "host" {
			if s, ok := v.(string); ok {
				v = []any{s} // a single address, as api.yaml before 4.8 wrote it
			}
		}
		if err := checkFileValue(key, v); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := fk.Set(key, v); err != nil {
			return fmt.Errorf("config: %s: %w", key, err)
		}
	}
	if len(unknown) > 0 {
		names := make([]string, len(unknown))
		for i, e := range unknown {
			names[i] = e.Error()
		}
		errs = append([]error{fmt.Errorf("%w: unknown key(s) %s (Wazuh error 2000)", ErrInvalid, strings.Join(names, ", "))}, errs...)
	}
	return errors.Join(errs...)
}

// isWazuhGoKey reports whether key is one of wazuh-go's own keys, whose
// values Wazuh's reading rules do not touch.
func isWazuhGoKey(key string) bool {
	return slices.ContainsFunc(wazuhGoKeys, func(p string) bool { return key == p || strings.HasPrefix(key, p+".") })
}

// yesNo turns "yes"/"no" (any case) into booleans for Wazuh's keys, as
// Wazuh does ("enabled: no" is a string in YAML 1.2).
func yesNo(key string, v any) any {
	s, ok := v.(string)
	if !ok || isWazuhGoKey(key) {
		return v
	}
	switch strings.ToLower(s) {
	case "yes":
		return true
	case "no":
		return false
	}
	return v
}

// normalizeValue lower-cases the string values of Wazuh's sections (one
// level deep, as Wazuh's fill_dict does) except the https file names, so
// "TLSv1.2", "INFO" and "JSON" are accepted as Wazuh accepts them.
func normalizeValue(key string, v any) any {
	s, ok := v.(string)
	if !ok || isWazuhGoKey(key) || strings.Count(key, ".") != 1 || slices.Contains(keepCase, key) {
		return v
	}
	return strings.ToLower(s)
}
