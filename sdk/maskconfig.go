package sdk

import (
	"encoding/json"
	"errors"
	"fmt"
)

// SecretMask replaces the value of every sensitive configuration field in
// JSON configuration (Wazuh's "*****").
const SecretMask = "*****"

// sensitiveConfigField reports whether a configuration field holds a secret:
// "key" wherever it appears (cluster.key, the key of GET
// /cluster/local/config, any other key field) and "authd.pass" (the content
// of etc/authd.pass that the active auth configuration carries when
// use_password is yes). Names match exactly, as Python's dictionary lookup
// does. Reference: security.md §4.5 and api-surface.md surprise 18.
func sensitiveConfigField(name string) bool {
	return name == "key" || name == "authd.pass"
}

// MaskSensitiveConfig returns configuration data with the value of every
// "key" and "authd.pass" field, at any depth and whatever its type, replaced
// with SecretMask, as Wazuh's @mask_sensitive_config does for callers
// without MayRevealSecrets. The input is never modified: maps and slices
// are copied.
//
// map[string]any, []any, map[string]string and []map[string]any (what
// encoding/json decodes) are walked; a json.RawMessage is rewritten with
// MaskSensitiveConfigJSON, and one that is not valid JSON becomes the JSON
// string SecretMask (fail closed); a top-level string is raw ossec.conf XML
// and goes through MaskSensitiveConfigXML. Any other value (a struct, an
// ordered-object type) is encoded with encoding/json, masked, and returned
// as a json.RawMessage keeping its field order. Nested strings and other
// scalars are returned as they are.
func MaskSensitiveConfig(v any) (any, error) {
	if s, ok := v.(string); ok {
		return MaskSensitiveConfigXML(s), nil
	}
	return maskValue(v, 0)
}

// maxMaskDepth bounds the nesting MaskSensitiveConfig and
// MaskSensitiveConfigJSON walk (encoding/json's own limit), so that a
// self-referencing map is an error rather than a stack overflow.
const maxMaskDepth = 10000

// errMaskDepth is wrapped when data nests deeper than maxMaskDepth.
var errMaskDepth = errors.New("sdk: configuration nests too deeply to mask")

func maskValue(v any, depth int) (any, error) {
	if depth > maxMaskDepth {
		return nil, errMaskDepth
	}
	switch t := v.(type) {
	case nil, string, bool, float64, int, int64, json.Number:
		return v, nil
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			if sensitiveConfigField(k) {
				out[k] = SecretMask
				continue
			}
			m, err := maskValue(e, depth+1)
			if err != nil {
				return nil, err
			}
			out[k] = m
		}
		return out, nil
	case map[string]string:
		out := make(map[string]string, len(t))
		for k, e := range t {
			if sensitiveConfigField(k) {
				e = SecretMask
			}
			out[k] = e
		}
		return out, nil
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			m, err := maskValue(e, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = m
		}
		return out, nil
	case []map[string]any:
		out := make([]map[string]any, len(t))
		for i, e := range t {
			m, err := maskValue(e, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = m.(map[string]any)
		}
		return out, nil
	case json.RawMessage:
		masked, err := MaskSensitiveConfigJSON(t)
		if err != nil {
			return json.RawMessage(`"` + SecretMask + `"`), nil
		}
		return json.RawMessage(masked), nil
	default:
		raw, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("sdk: mask sensitive config: %w", err)
		}
		masked, err := MaskSensitiveConfigJSON(raw)
		if err != nil {
			return nil, fmt.Errorf("sdk: mask sensitive config: %w", err)
		}
		return json.RawMessage(masked), nil
	}
}
