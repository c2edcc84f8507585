package api

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/wazuh-go/server/sdk/query"
)

// The module wire carries strings as protobuf strings, which must be valid
// UTF-8: one invalid byte in a path parameter or a forwarded header made
// the whole call fail to marshal, and the route answered 503 "daemons not
// ready" for what is only bad input. These helpers give modules what
// Wazuh's web layer hands to Python instead.

// pathUTF8 is the path (or a path parameter) as uvicorn decodes it:
// urllib.parse.unquote with errors="replace", so each invalid byte is
// U+FFFD (as sdk/query does for the query string).
func pathUTF8(s string) string { return query.ReplaceInvalidUTF8(s) }

// pathParamsUTF8 applies pathUTF8 to every value of vars, in place.
func pathParamsUTF8(vars map[string]string) map[string]string {
	for k, v := range vars {
		vars[k] = pathUTF8(v)
	}
	return vars
}

// headerUTF8 is a header value as starlette decodes it: latin-1, so every
// byte is one character and the result is always valid UTF-8.
func headerUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(2 * len(s))
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

// forwardHeaders copies the headers in names from src to dst with their
// values made valid UTF-8 by headerUTF8.
func forwardHeaders(dst, src http.Header, names []string) {
	for _, h := range names {
		vs := src.Values(h)
		if len(vs) == 0 {
			continue
		}
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = headerUTF8(v)
		}
		dst[h] = out
	}
}
