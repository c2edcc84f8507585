// Package services implements sdk.Host in the host process: the wazuh-db,
// socket, configuration and file services modules call back into, each call
// checked against the capabilities granted to the calling module.
package services
