package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// kind is the JSON-schema type of one configuration key.
type kind int

const (
	kindBool kind = iota
	kindInt
	kindString
	// kindStrings is a list of strings.
	kindStrings
	// kindFree is a section whose content is not checked here (modules).
	kindFree
)

func (k kind) String() string {
	return [...]string{"a boolean", "an integer", "a string", "a list of strings", "free-form"}[k]
}

// schema lists every leaf key of Wazuh 4.14's api.yaml (api_config_schema,
// security.md §6.1) plus wazuh-go's own keys, with its type. Keys not here,
// and not under a free-form section, are refused (Wazuh's APIError 2000).
var schema = map[string]kind{
	"host":                     kindStrings,
	"port":                     kindInt,
	"drop_privileges":          kindBool,
	"experimental_features":    kindBool,
	"max_upload_size":          kindInt,
	"authentication_pool_size": kindInt,

	"intervals.request_timeout": kindInt,

	"https.enabled":      kindBool,
	"https.key":          kindString,
	"https.cert":         kindString,
	"https.use_ca":       kindBool,
	"https.ca":           kindString,
	"https.ssl_protocol": kindString,
	"https.ssl_ciphers":  kindString,

	"logs.level":            kindString,
	"logs.format":           kindString,
	"logs.max_size.enabled": kindBool,
	"logs.max_size.size":    kindString,

	"cors.enabled":           kindBool,
	"cors.source_route":      kindString,
	"cors.expose_headers":    kindString,
	"cors.allow_headers":     kindString,
	"cors.allow_credentials": kindBool,

	"access.max_login_attempts":     kindInt,
	"access.block_time":             kindInt,
	"access.max_request_per_minute": kindInt,

	"upload_configuration.remote_commands.localfile.allow":                  kindBool,
	"upload_configuration.remote_commands.localfile.exceptions":             kindStrings,
	"upload_configuration.remote_commands.wodle_command.allow":              kindBool,
	"upload_configuration.remote_commands.wodle_command.exceptions":         kindStrings,
	"upload_configuration.limits.eps.allow":                                 kindBool,
	"upload_configuration.agents.allow_higher_versions.allow":               kindBool,
	"upload_configuration.indexer.allow":                                    kindBool,
	"upload_configuration.integrations.virustotal.public_key.allow":         kindBool,
	"upload_configuration.integrations.virustotal.public_key.minimum_quota": kindInt,

	// wazuh-go keys.
	"root":                    kindString,
	"mode":                    kindString,
	"node_name":               kindString,
	"modules.dir":             kindString,
	"modules.start_timeout":   kindString,
	"modules.health_interval": kindString,
	"modules.enabled":         kindFree,
}

// keepCase are Wazuh string keys whose values are not lower-cased (file
// names); every other Wazuh string value is, as Wazuh does on reading.
var keepCase = []string{"https.key", "https.cert", "https.ca"}

// wazuhGoKeys are wazuh-go's own keys: their values keep their case.
var wazuhGoKeys = []string{"root", "mode", "node_name", "modules"}

// lookupKind returns the kind of a flattened key: its own, or kindFree
// when it lies under a free-form section.
func lookupKind(key string) (kind, bool) {
	if k, ok := schema[key]; ok {
		return k, true
	}
	for name, k := range schema {
		if k == kindFree && strings.HasPrefix(key, name+".") {
			return kindFree, true
		}
	}
	return 0, false
}

// isSection reports whether key names a section (a mapping) of the schema.
func isSection(key string) bool {
	for name := range schema {
		if strings.HasPrefix(name, key+".") {
			return true
		}
	}
	return false
}

// checkFileValue checks a value read from YAML (after yes/no became
// booleans) against its key's type, as Wazuh's JSON schema does: no
// implicit conversions ("55000" is not an integer, 1 is not a boolean).
func checkFileValue(key string, v any) error {
	k, _ := lookupKind(key)
	ok := true
	switch k {
	case kindBool:
		_, ok = v.(bool)
	case kindInt:
		ok = isInteger(v)
	case kindString:
		_, ok = v.(string)
	case kindStrings:
		ok = isStringList(v)
	}
	if !ok {
		return fmt.Errorf("%w: %s must be %s, got %v (%T)", ErrInvalid, key, k, v, v)
	}
	return nil
}

func isInteger(v any) bool {
	switch n := v.(type) {
	case int, int64, uint64:
		return true
	case float64:
		return n == float64(int64(n))
	}
	return false
}

func isStringList(v any) bool {
	switch l := v.(type) {
	case []string:
		return true
	case []any:
		return !slices.ContainsFunc(l, func(e any) bool { _, ok := e.(string); return !ok })
	}
	return false
}

// parseEnvValue converts an environment override to its key's type:
// booleans accept true/false/yes/no/1/0, integers decimal digits, lists
// comma-separated items (WAZUH_API_HOST=127.0.0.1,::1).
func parseEnvValue(name, key, value string) (any, error) {
	k, known := lookupKind(key)
	if !known || k == kindFree {
		if isSection(key) || known {
			return nil, fmt.Errorf("%w: %s: %s is a section, not a value", ErrInvalid, name, key)
		}
		return nil, fmt.Errorf("%w: %s: unknown key %s", ErrInvalid, name, key)
	}
	switch k {
	case kindBool:
		switch strings.ToLower(strings.TrimSpace(value)) {
		case "true", "yes", "1":
			return true, nil
		case "false", "no", "0":
			return false, nil
		}
	case kindInt:
		if n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64); err == nil {
			return n, nil
		}
	case kindString:
		return value, nil
	case kindStrings:
		var out []string
		for item := range strings.SplitSeq(value, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w: %s=%q: %s must be %s", ErrInvalid, name, value, key, k)
}
