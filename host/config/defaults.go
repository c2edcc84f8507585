package config

import (
	"os"
	"path/filepath"
)

// Defaults returns Wazuh 4.14's api.yaml defaults (security.md §6.1) plus
// wazuh-go's: embedded mode in ./var/wazuh, node01, and the agent module
// enabled from the modules directory next to the binary (./bin/modules
// when there is none). A configuration file's modules.enabled replaces
// the default list.
func Defaults() map[string]any {
	return map[string]any{
		"host":                          []string{"0.0.0.0", "::"},
		"port":                          55000,
		"drop_privileges":               true,
		"experimental_features":         false,
		"max_upload_size":               10485760,
		"authentication_pool_size":      2,
		"intervals.request_timeout":     10,
		"https.enabled":                 true,
		"https.key":                     "server.key",
		"https.cert":                    "server.crt",
		"https.use_ca":                  false,
		"https.ca":                      "ca.crt",
		"https.ssl_protocol":            "auto",
		"https.ssl_ciphers":             "",
		"logs.level":                    "info",
		"logs.format":                   "plain",
		"logs.max_size.enabled":         false,
		"logs.max_size.size":            "1M",
		"cors.enabled":                  false,
		"cors.source_route":             "*",
		"cors.expose_headers":           "*",
		"cors.allow_headers":            "*",
		"cors.allow_credentials":        false,
		"access.max_login_attempts":     50,
		"access.block_time":             300,
		"access.max_request_per_minute": 300,
		"upload_configuration.remote_commands.localfile.allow":                  true,
		"upload_configuration.remote_commands.localfile.exceptions":             []string{},
		"upload_configuration.remote_commands.wodle_command.allow":              true,
		"upload_configuration.remote_commands.wodle_command.exceptions":         []string{},
		"upload_configuration.limits.eps.allow":                                 true,
		"upload_configuration.agents.allow_higher_versions.allow":               true,
		"upload_configuration.indexer.allow":                                    true,
		"upload_configuration.integrations.virustotal.public_key.allow":         true,
		"upload_configuration.integrations.virustotal.public_key.minimum_quota": 240,
		"root":                    "./var/wazuh",
		"mode":                    "embedded",
		"node_name":               "node01",
		"modules.dir":             defaultModulesDir(),
		"modules.enabled":         []any{map[string]any{"name": "agent"}},
		"modules.start_timeout":   "15s",
		"modules.health_interval": "10s",
	}
}

// defaultModulesDir is the modules directory next to the running binary
// (bin/modules for bin/wazuh-apid, wherever it is started from), or
// ./bin/modules when there is none.
func defaultModulesDir() string {
	if exe, err := os.Executable(); err == nil {
		dir := filepath.Join(filepath.Dir(exe), "modules")
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return dir
		}
	}
	return "./bin/modules"
}
