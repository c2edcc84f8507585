package api

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/go-hclog"
)

// BenchmarkRejectForgedToken is the host's own cost of answering 401 to a
// well-formed but forged bearer token (no TLS): what each request of an
// invalid-token flood costs beyond HTTPS.
func BenchmarkRejectForgedToken(b *testing.B) {
	s := newTestServer(&testing.T{}, func(o *Options) {
		o.Logger = hclog.New(&hclog.LoggerOptions{Output: io.Discard, Level: hclog.Info})
	})
	forged := "eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJ3YXp1aCIsImF1ZCI6IldhenVoIEFQSSBSRVNUIiwibmJmIjoxNzAwMDAwMDAwLCJleHAiOjE5MDAwMDAwMDAsInN1YiI6IndhenVoIiwicnVuX2FzIjpmYWxzZSwicmJhY19yb2xlcyI6WzFdLCJyYmFjX21vZGUiOiJ3aGl0ZSJ9.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("Authorization", "Bearer "+forged)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != http.StatusUnauthorized {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// BenchmarkModuleRoute is the host's own cost of an authenticated module
// route (cached token, access log, security headers, query checks), with
// an in-process target instead of a module process and no TLS.
func BenchmarkModuleRoute(b *testing.B) {
	t := &testing.T{}
	s := newTestServer(t, func(o *Options) {
		o.Logger = hclog.New(&hclog.LoggerOptions{Output: io.Discard, Level: hclog.Info})
	})
	req := httptest.NewRequest(http.MethodGet, "/test/1?q=name%3Dweb&pretty=false", nil)
	req.Header.Set("Authorization", "Bearer "+s.token(t))
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d %s", w.Code, w.Body)
		}
	}
}
