package api

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/mux"
)

// notFoundOrSlashRedirect is the router's fallback. Like starlette's Router
// (redirect_slashes, which connexion keeps on), a path that matches no
// route but would match one with its trailing slashes removed (or with a
// trailing slash added) gets an empty 307 to that URL, whatever the method
// and before any authentication. The dashboard relies on it: it sends
// DELETE /security/roles/ and DELETE /security/policies/
// (dashboard-calls.md §3.10, §4.3). Anything else is Wazuh's 404.
func notFoundOrSlashRedirect(r *mux.Router) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if alt, ok := slashAlternative(r, req); ok {
			w.Header().Set("Location", alt)
			w.WriteHeader(http.StatusTemporaryRedirect)
			return
		}
		writeProblem(w, problemNotFound)
	})
}

// slashAlternative returns the URL starlette would redirect req to, if any.
func slashAlternative(r *mux.Router, req *http.Request) (string, bool) {
	path := req.URL.Path
	if path == "/" || path == "" {
		return "", false
	}
	alt := path + "/"
	if strings.HasSuffix(path, "/") {
		alt = strings.TrimRight(path, "/")
	}
	if alt == "" {
		return "", false
	}
	probe := req.Clone(req.Context())
	probe.URL = &url.URL{Path: alt, RawQuery: req.URL.RawQuery}
	var m mux.RouteMatch
	if !r.Match(probe, &m) || m.MatchErr == mux.ErrNotFound {
		return "", false
	}
	u := url.URL{Scheme: "https", Host: req.Host, Path: alt, RawQuery: req.URL.RawQuery}
	if req.TLS == nil {
		u.Scheme = "http"
	}
	return u.String(), true
}
