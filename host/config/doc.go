// Package config loads the host configuration with koanf: Wazuh's api.yaml
// keys and defaults (security.md §6.1) plus wazuh-go's own keys (data root,
// mode, modules). Sources, later overriding earlier: built-in defaults, the
// --config file, environment variables WAZUH_API_<KEY> (nested keys joined by
// "__", e.g. WAZUH_API_HTTPS__ENABLED=false; lists comma-separated, e.g.
// WAZUH_API_HOST=127.0.0.1,::1), then command-line flags. The file is checked
// as Wazuh checks api.yaml: unknown keys and wrongly typed values are refused
// at start, "yes"/"no" are booleans and section values are lower-cased.
package config
