package api

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzCheckBody checks that any JSON body gets either no problem (valid,
// not too deep) or Wazuh's 400, and that the Python-style message locates
// the error inside the body.
func FuzzCheckBody(f *testing.F) {
	for _, s := range []string{`{"name":"a"}`, `{bad`, ``, `[[[[`, `{"a":1} x`, "{\"a\":\"\x01\"}", `"\ud800"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest("PUT", "/x", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		p := checkBody(req, body, []string{"application/json"})
		valid := len(body) == 0 || (json.Valid(body) && jsonDepth(body) <= maxJSONDepth)
		switch {
		case valid && p != nil:
			t.Fatalf("valid body %q refused: %+v", body, p)
		case !valid && (p == nil || p.status != 400):
			t.Fatalf("invalid body %q accepted or wrong status: %+v", body, p)
		case p != nil && p.title == "Bad Request" && !strings.Contains(p.detail, "(char "):
			t.Fatalf("detail without position: %q", p.detail)
		}
	})
}
