package app

import (
	"net/http"
	"slices"
	"strings"

	"github.com/wazuh-go/server/host/config"
)

// corsMaxAge is Starlette's default Access-Control-Max-Age.
const corsMaxAge = "600"

// corsSafelisted are the request headers Starlette always allows.
var corsSafelisted = []string{"accept", "accept-language", "content-language", "content-type"}

// cors is Wazuh's api.yaml cors section applied as Starlette's
// CORSMiddleware applies it (security.md §6.1): only GET is allowed
// (Wazuh passes no methods), preflights are answered here with 200 "OK" or
// 400 "Disallowed CORS <what>", and simple responses get the
// Access-Control-* headers.
//
// Wazuh passes source_route, expose_headers and allow_headers to Starlette
// as plain strings, which Starlette then treats as character sequences (an
// origin is allowed when it is a substring of source_route). Here they are
// comma-separated lists matched exactly: "*" and a single origin behave as
// in Wazuh, without the substring quirk.
type cors struct {
	allOrigins, allHeaders, credentials bool
	origins, headers                    []string
	expose                              string
	next                                http.Handler
}

// withCORS wraps next with cfg's CORS handling, or returns next when CORS
// is disabled.
func withCORS(cfg config.CORS, next http.Handler) http.Handler {
	if !cfg.Enabled {
		return next
	}
	c := &cors{credentials: cfg.AllowCredentials, expose: strings.TrimSpace(cfg.ExposeHeaders), next: next}
	c.origins = splitList(cfg.SourceRoute)
	c.allOrigins = slices.Contains(c.origins, "*")
	allow := splitList(strings.ToLower(cfg.AllowHeaders))
	c.allHeaders = slices.Contains(allow, "*")
	c.headers = append(allow, corsSafelisted...)
	slices.Sort(c.headers)
	c.headers = slices.Compact(c.headers)
	return c
}

// splitList splits a comma- or space-separated list.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}

func (c *cors) allowedOrigin(origin string) bool {
	return c.allOrigins || slices.Contains(c.origins, origin)
}

// ServeHTTP implements http.Handler.
func (c *cors) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	origin := r.Header.Get("Origin")
	if origin == "" {
		c.next.ServeHTTP(w, r)
		return
	}
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		c.preflight(w, r, origin)
		return
	}
	h := w.Header()
	if c.allOrigins {
		h.Set("Access-Control-Allow-Origin", "*")
	}
	if c.credentials {
		h.Set("Access-Control-Allow-Credentials", "true")
	}
	if c.expose != "" {
		h.Set("Access-Control-Expose-Headers", c.expose)
	}
	// With cookies, or with a list of origins, the origin is mirrored.
	if (c.allOrigins && r.Header.Get("Cookie") != "") || (!c.allOrigins && c.allowedOrigin(origin)) {
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
	}
	c.next.ServeHTTP(w, r)
}

// preflight answers an OPTIONS preflight as Starlette does.
func (c *cors) preflight(w http.ResponseWriter, r *http.Request, origin string) {
	h := w.Header()
	explicit := !c.allOrigins || c.credentials
	if explicit {
		h.Set("Vary", "Origin")
	} else {
		h.Set("Access-Control-Allow-Origin", "*")
	}
	h.Set("Access-Control-Allow-Methods", http.MethodGet)
	h.Set("Access-Control-Max-Age", corsMaxAge)
	if !c.allHeaders {
		h.Set("Access-Control-Allow-Headers", strings.Join(c.headers, ", "))
	}
	if c.credentials {
		h.Set("Access-Control-Allow-Credentials", "true")
	}
	var failures []string
	if c.allowedOrigin(origin) {
		if explicit {
			h.Set("Access-Control-Allow-Origin", origin)
		}
	} else {
		failures = append(failures, "origin")
	}
	if r.Header.Get("Access-Control-Request-Method") != http.MethodGet {
		failures = append(failures, "method")
	}
	requested, hasRequested := r.Header["Access-Control-Request-Headers"]
	switch {
	case c.allHeaders && hasRequested:
		h.Set("Access-Control-Allow-Headers", strings.Join(requested, ", "))
	case hasRequested:
		for _, name := range strings.Split(strings.ToLower(strings.Join(requested, ",")), ",") {
			if !slices.Contains(c.headers, strings.TrimSpace(name)) {
				failures = append(failures, "headers")
				break
			}
		}
	}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	if len(failures) > 0 {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte("Disallowed CORS " + strings.Join(failures, ", ")))
		return
	}
	_, _ = w.Write([]byte("OK"))
}
