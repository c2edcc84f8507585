// Package tlscert provides the API's TLS configuration, generating Wazuh's
// self-signed certificate on first start when none exists.
package tlscert
