package api

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzBearerToken feeds arbitrary Authorization headers to the header
// parser: it must never panic, and either refuse with one of Wazuh's two
// 401 problems or return the trimmed text after a Bearer scheme.
func FuzzBearerToken(f *testing.F) {
	for _, s := range []string{"", "Bearer", "Bearer ", "Bearer abc", "bearer  x.y.z ", "Basic d2F6dWg6d2F6dWg=", "Bearer\tx", "Token x y", "  Bearer x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header["Authorization"] = []string{header}
		tok, p := bearerToken(req)
		if p != nil {
			if tok != "" || p.status != 401 || (p.detail != problemNoToken.detail && p.detail != problemBadAuthHeader.detail) {
				t.Fatalf("header %q: token %q problem %+v", header, tok, p)
			}
			return
		}
		scheme, rest, ok := strings.Cut(header, " ")
		if !ok || !strings.EqualFold(scheme, "bearer") || tok != strings.TrimSpace(rest) {
			t.Fatalf("header %q gave token %q", header, tok)
		}
	})
}
