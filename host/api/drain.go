package api

import (
	"io"
	"net/http"
)

// maxDrainBytes bounds how much of an unread request body is consumed after
// the handler, like net/http's HTTP/1 server does (256 KiB).
const maxDrainBytes = 256 << 10

// withBodyDrain consumes what a handler left of the request body before the
// response is finished. Operations without a body ignore one (the dashboard
// sends JSON bodies on GET and DELETE, dashboard-calls.md §4.1); over
// HTTP/2, returning with the body unread resets the stream, and clients
// such as curl then drop the response that was already written.
func withBodyDrain(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		if r.Body != nil && r.Body != http.NoBody {
			_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, maxDrainBytes))
		}
	})
}
