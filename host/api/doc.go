// Package api is the host's HTTP layer: gorilla/mux routing, Wazuh's
// security headers, access log, global rate limit, body and time limits,
// bearer authentication, the login endpoints, GET /, and the proxy that hands
// module routes to their module processes. Every error is a Wazuh
// problem+json body with Wazuh's status, title and code.
package api
