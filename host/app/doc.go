// Package app wires the host together: configuration, the Wazuh root layout,
// TLS, rbac.db and first-start credentials, JWT keys, the wazuh-db and
// socket layers (embedded daemons in embedded mode), the module manager and
// the HTTP server, with graceful shutdown.
package app
