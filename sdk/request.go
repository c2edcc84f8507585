package sdk

import (
	"net/http"
	"net/url"
	"strings"
)

// Request is one HTTP request the host has authenticated and authorized.
type Request struct {
	// RouteID is the id of the matched route.
	RouteID string
	// Method is the HTTP method.
	Method string
	// Path is the request path.
	Path string
	// PathParams holds the route template's variables.
	PathParams map[string]string
	// Query holds the query parameters as received.
	Query url.Values
	// Header holds the host-filtered request headers (never Authorization).
	Header http.Header
	// Body is the request body (already size-limited by the host).
	Body []byte
	// Caller is the authenticated user.
	Caller Caller
	// Scopes are the RBAC scopes the host computed for the route's
	// permissions. Filter lists with them before paginating.
	Scopes Scopes
	// RequestID identifies the request in logs.
	RequestID string
	// RemoteAddr is the client address.
	RemoteAddr string
	// Allows holds the route's AllowChecks the caller has an explicit allow
	// for (true); an action that is absent or false is not allowed, or was
	// not declared in Route.AllowChecks. See MayRevealSecrets.
	Allows map[string]bool
}

// Caller is the authenticated user of a request, from the verified token.
type Caller struct {
	// UserID is the user's id in rbac.db.
	UserID int64
	// Username is the token subject.
	Username string
	// RoleIDs are the token's rbac_roles.
	RoleIDs []int64
	// RunAs is true for tokens from authenticate/run_as with a body.
	RunAs bool
}

// Pretty reports whether the caller asked for indented JSON (?pretty=true;
// booleans are case-insensitive, as connexion parses them).
func (r *Request) Pretty() bool {
	vals := r.Query["pretty"]
	return len(vals) > 0 && strings.EqualFold(vals[len(vals)-1], "true")
}
