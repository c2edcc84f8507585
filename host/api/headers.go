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
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for _, kv := range securityHeaders {
			h[kv[0]] = []string{kv[1]}
		}
		next.ServeHTTP(w, r)
	})
}
