package api

import "net/http"

// securityHeaders are added to every response, errors included, as Wazuh's
// SecureHeadersMiddleware does (api-surface.md §8).
var securityHeaders = [][2]string{
	{"Server", "Wazuh"},
	{"Strict-Transport-Security", "max-age=63072000; includeSubdomains"},
	{"X-Frame-Options", "deny"},
	{"X-XSS-Protection", "0"},
	{"X-Content-Type-Options", "nosniff"},
	{"Content-Security-Policy", "none"},
	{"Referrer-Policy", "no-referrer, strict-origin-when-cross-origin"},
	{"Cache-Control", "no-store"},
}

func withSecurityHeaders(next http.Handler) http.Handler {
	// The value slices are shared by every response: Header.Set replaces a
	// slice and Header.Add appends to a full one (len == cap), so none is
	// ever written in place.
	values := make([][]string, len(securityHeaders))
	for i, kv := range securityHeaders {
		values[i] = []string{kv[1]}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for i, kv := range securityHeaders {
			h[kv[0]] = values[i]
		}
		next.ServeHTTP(w, r)
	})
}
