package api

import (
	"net/http"
	"testing"
)

// The dashboard deletes roles and policies through DELETE /security/roles/
// and /security/policies/ (dashboard-calls.md §3.10). Starlette's
// redirect_slashes answers such a path with an empty 307 to the URL
// without the slash, before authentication; the client repeats the call
// there.
func TestSecurityTrailingSlashRedirects(t *testing.T) {
	e := newSecEnv(t, nil)
	for path, location := range map[string]string{
		"/security/roles/?role_ids=100":      "http://example.com/security/roles?role_ids=100",
		"/security/policies/?policy_ids=100": "http://example.com/security/policies?policy_ids=100",
	} {
		rec := e.call(http.MethodDelete, path, "", "")
		if rec.Code != http.StatusTemporaryRedirect || rec.Body.Len() != 0 {
			t.Fatalf("%s: got %d %q, want an empty 307", path, rec.Code, rec.Body)
		}
		if got := rec.Header().Get("Location"); got != location {
			t.Fatalf("%s: Location %q, want %q", path, got, location)
		}
		if got := rec.Header().Get("Server"); got != "Wazuh" {
			t.Fatalf("%s: redirect lacks the security headers (Server %q)", path, got)
		}
	}
	// Following the redirect reaches the operation.
	rec := e.call(http.MethodDelete, "/security/roles?role_ids=100", e.admin(), "")
	expectStatus(t, rec, http.StatusOK, `"code": 4002`)
	// Unknown paths stay 404, with or without the slash.
	for _, path := range []string{"/security/nope/", "/security/nope"} {
		expect(t, e.call(http.MethodGet, path, "", ""), http.StatusNotFound, `{"title": "Not Found", "detail": "404: Not Found"}`)
	}
}
