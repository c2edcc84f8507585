package api

import (
	"net/http"
	"sync"
	"time"
)

// rateLimiter is Wazuh's global request counter: one fixed 60 s window
// starting at the first request, counting every request (unauthenticated,
// 404s and rejected ones included), shared by all clients (security.md §5).
type rateLimiter struct {
	max int
	now func() time.Time

	mu    sync.Mutex
	start time.Time
	count int
}

func newRateLimiter(max int) *rateLimiter { return &rateLimiter{max: max, now: time.Now} }

// allow counts one request and reports whether it is within the limit.
func (l *rateLimiter) allow() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if l.start.IsZero() || now.Sub(l.start) >= time.Minute {
		l.start, l.count = now, 0
	}
	l.count++
	return l.count <= l.max
}

func withRateLimit(max int, next http.Handler) http.Handler {
	if max <= 0 {
		return next
	}
	l := newRateLimiter(max)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !l.allow() {
			writeProblem(w, problemRateLimited)
			return
		}
		next.ServeHTTP(w, r)
	})
}
