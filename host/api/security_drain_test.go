package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// countingBody records whether a request body was read to its end.
type countingBody struct {
	*strings.Reader
	eof bool
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.Reader.Read(p)
	if err != nil {
		b.eof = true
	}
	return n, err
}

func (*countingBody) Close() error { return nil }

// The dashboard sends JSON bodies on operations that take none, such as
// GET /security/users/me/policies with {"idHost": ...}
// (dashboard-calls.md §1, §4.1). The body is ignored but consumed: over
// HTTP/2 a handler that returns with the body unread resets the stream and
// clients drop the response already written.
func TestUnexpectedBodyIsConsumed(t *testing.T) {
	e := newSecEnv(t, nil)
	tok := e.admin()
	for _, path := range []string{"/security/users/me/policies", "/security/resources", "/"} {
		body := &countingBody{Reader: strings.NewReader(`{"idHost": "default"}`)}
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Body = body
		req.ContentLength = int64(body.Len())
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := e.serveReq(req)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
		}
		if !body.eof {
			t.Fatalf("%s: the request body was left unread", path)
		}
	}
}
