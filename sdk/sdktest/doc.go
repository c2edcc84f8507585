// Package sdktest tests modules in two in-process tiers: Direct calls the Go
// interface (fast, no serialization) and Serve runs the real go-plugin gRPC
// glue and broker without a subprocess. FakeHost stands in for the host's
// services with canned wazuh-db answers, a socket recorder and files in a
// temporary directory, enforcing capabilities like the host does.
package sdktest
