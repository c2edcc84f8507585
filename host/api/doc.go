// Package api is the host's HTTP layer: gorilla/mux routing, Wazuh's
// security headers, access log, global and /events rate limits, body and
// time limits, bearer authentication, the login endpoints with per-IP
// brute-force blocking, GET /, every /security operation (users, roles,
// policies, security rules and their links, token revocation, security
// configuration and the RBAC catalogue) and the proxy that hands module
// routes to their module processes. Host routes declare RBAC permissions
// like module routes and are authorized through the same Authorizer. Every
// error is a Wazuh problem+json body with Wazuh's status, title and code.
package api
