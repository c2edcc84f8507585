// Package config loads the host configuration with koanf: Wazuh's api.yaml
// keys and defaults (security.md §6.1) plus wazuh-go's own keys (data root,
// mode, modules). Sources, later overriding earlier: built-in defaults, the
// --config file, environment variables WAZUH_API_<KEY> (nested keys joined by
// "__", e.g. WAZUH_API_HTTPS__ENABLED=false), then command-line flags.
package config
