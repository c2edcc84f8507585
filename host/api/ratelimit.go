package api

import (
	"net/http"
	"sync"
	"time"
)

// maxEventsPerMinute is Wazuh's MAX_REQUESTS_EVENTS_DEFAULT: POST /events
// has its own limit of min(max_request_per_minute, 30).
const maxEventsPerMinute = 30

// eventsPath is the route the extra events limit applies to.
const eventsPath = "/events"

// problemEventsRateLimited is the /events 429: same title and detail as
// 6001 but "remediation": null and code 6005 (fixed in 4.14.5).
var problemEventsRateLimited = problem{status: http.StatusTooManyRequests, title: "Too Many Requests",
	detail: "Maximum number of requests per minute reached", remediationNull: true, code: 6005}

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

// withRateLimit installs the global limit and, for /events, the events
// limit (CheckRateLimitsMiddleware). Every request counts toward the
// global counter; /events requests also count toward the events counter,
// whose excess answers 6005. max <= 0 disables both.
func withRateLimit(max int, now func() time.Time, next http.Handler) http.Handler {
	if max <= 0 {
		return next
	}
	general, events := newRateLimiter(max), newRateLimiter(min(max, maxEventsPerMinute))
	general.now, events.now = now, now
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok := general.allow()
		if r.URL.Path == eventsPath && !events.allow() {
			writeProblem(w, problemEventsRateLimited)
			return
		}
		if !ok {
			writeProblem(w, problemRateLimited)
			return
		}
		next.ServeHTTP(w, r)
	})
}
