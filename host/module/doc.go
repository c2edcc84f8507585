// Package module runs module processes: it starts the enabled modules in
// parallel through go-plugin (gRPC only, AutoMTLS, SkipHostEnv with an
// environment allowlist, optional sha256 pinning, a start timeout), validates
// their descriptors, serves their host callbacks, restarts crashed modules
// with backoff while their routes answer 503, and stops them all on shutdown.
package module
