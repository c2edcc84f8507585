package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/wazuhlog"
)

// statusRecorder captures the status for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	user   string
	body   []byte
	// authHash is the hash_auth_context of a run_as login or token.
	authHash string
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Flush lets streamed module responses reach the client progressively.
func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// withAccessLog logs every request like Wazuh's access log (security.md §7):
// `<user> <ip> "<METHOD> <path>" with parameters <json> and body <json> done
// in <t>s: <status>`, with password and key values sanitized and no
// credentials or tokens ever logged. It also turns panics into Wazuh's 500.
func withAccessLog(log hclog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			p := recover()
			switch {
			case p == http.ErrAbortHandler:
				// A response cut short on purpose: log it, then let net/http
				// drop the connection.
				defer panic(p)
			case p != nil:
				log.Error("panic serving request", "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				if rec.status == 0 {
					writeProblem(rec, problemInternal)
				}
			}
			if !log.IsInfo() {
				return
			}
			user := rec.user
			if user == "" {
				user = "unknown_user"
			}
			req := &wazuhlog.Request{
				User: escapeLogField(user), IP: clientIP(r), HTTPMethod: r.Method, URI: r.Method + " " + r.URL.Path,
				Parameters: json.RawMessage(sanitizedQuery(r)), Body: json.RawMessage(sanitizedBody(r, rec.body)),
				Time: fmt.Sprintf("%.3fs", time.Since(start).Seconds()), StatusCode: rec.status, HashAuthContext: rec.authHash,
			}
			who := req.User
			if req.HashAuthContext != "" {
				who += " (" + req.HashAuthContext + ")"
			}
			log.Info(fmt.Sprintf("%s %s \"%s\" with parameters %s and body %s done in %s: %d",
				who, req.IP, req.URI, req.Parameters, req.Body, req.Time, req.StatusCode), wazuhlog.RequestArg, req)
		}()
		next.ServeHTTP(rec, r)
	})
}

// logFieldEscaper escapes control characters (the 4.14.6 log-injection
// fix). It is built once: building a Replacer per line cost a third of a
// rejected request.
var logFieldEscaper = strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`)

// escapeLogField escapes s for one access-log line.
func escapeLogField(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return s
	}
	return logFieldEscaper.Replace(s)
}

func clientIP(r *http.Request) string {
	host := r.RemoteAddr
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	return strings.Trim(host, "[]")
}
