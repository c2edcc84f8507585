package schedtune

import (
	"net"
	"net/http"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultQuiet is how long requests must have stopped overlapping before
// a Scaler returns to one P.
const DefaultQuiet = time.Second

// Scaler switches the process between one P, while at most one request is
// in flight, and the runtime's default GOMAXPROCS, from the moment two
// requests overlap until they have stopped overlapping for its quiet
// period. Going up costs one stop-the-world pause (tens of µs) and happens
// on the request that finds another one in flight; going down happens at
// most once per quiet period, so a load that hovers around two requests
// pays for at most two switches per period.
//
// The zero value is not usable; use NewScaler.
type Scaler struct {
	quiet time.Duration
	// setProcs sets GOMAXPROCS to 1; restoreProcs returns to the runtime's
	// default (which keeps following the CPU count and cgroup limits).
	setProcs     func()
	restoreProcs func()

	inflight atomic.Int64
	// handshakes holds the connections accepted and not yet at their
	// first request (see ConnState).
	handshakes sync.Map
	wide       atomic.Bool   // running at the default GOMAXPROCS
	overlaps   atomic.Uint64 // requests that found another one in flight
	// seen and calm belong to the narrowing checks: the overlap count at
	// the previous check, and how many checks in a row saw it unchanged.
	seen    uint64
	calm    int
	mu      sync.Mutex // serialises switches
	started atomic.Bool
	stopped atomic.Bool
	stop    chan struct{}
	done    chan struct{}
}

// NewScaler returns a Scaler that starts at the default GOMAXPROCS (a
// starting server does its work in parallel) and narrows after quiet
// (DefaultQuiet when zero), or nil when scaling cannot help: on one CPU,
// or when the GOMAXPROCS environment variable chooses the P count.
func NewScaler(quiet time.Duration) *Scaler {
	if _, set := os.LookupEnv("GOMAXPROCS"); set || runtime.GOMAXPROCS(0) < 2 {
		return nil
	}
	return newScaler(quiet, func() { runtime.GOMAXPROCS(1) }, runtime.SetDefaultGOMAXPROCS)
}

func newScaler(quiet time.Duration, set, restore func()) *Scaler {
	if quiet <= 0 {
		quiet = DefaultQuiet
	}
	s := &Scaler{quiet: quiet, setProcs: set, restoreProcs: restore,
		stop: make(chan struct{}), done: make(chan struct{})}
	s.wide.Store(true)
	return s
}

// quietChecks is how many narrowing checks, one per quiet/quietChecks,
// must see no new overlap in a row before the scaler narrows.
const quietChecks = 4

// Start runs the narrowing check every quiet/quietChecks until Stop. A nil
// Scaler does nothing.
func (s *Scaler) Start() {
	if s == nil || !s.started.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer close(s.done)
		t := time.NewTicker(s.quiet / quietChecks)
		defer t.Stop()
		for {
			select {
			case <-s.stop:
				return
			case <-t.C:
				s.narrow()
			}
		}
	}()
}

// Stop ends the narrowing checks, if started, and returns to the default
// GOMAXPROCS.
func (s *Scaler) Stop() {
	if s == nil {
		return
	}
	if s.started.Load() && !s.stopped.Swap(true) {
		close(s.stop)
		<-s.done
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.wide.Load() {
		s.restoreProcs()
		s.wide.Store(true)
	}
}

// Wrap counts next's requests in flight. A nil Scaler returns next.
func (s *Scaler) Wrap(next http.Handler) http.Handler {
	if s == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.enter()
		defer s.inflight.Add(-1)
		next.ServeHTTP(w, r)
	})
}

// ConnState is an http.Server ConnState hook that counts a connection
// from its acceptance to its first request (or close) as work in flight:
// TLS handshakes cost more than most requests, and new clients arriving
// together must widen the scheduler as overlapping requests do. It chains
// to next when non-nil. A nil Scaler returns next.
func (s *Scaler) ConnState(next func(net.Conn, http.ConnState)) func(net.Conn, http.ConnState) {
	if s == nil {
		return next
	}
	return func(c net.Conn, state http.ConnState) {
		if state == http.StateNew {
			s.handshakes.Store(c, struct{}{})
			s.enter()
		} else if _, ok := s.handshakes.LoadAndDelete(c); ok {
			s.inflight.Add(-1)
		}
		if next != nil {
			next(c, state)
		}
	}
}

// enter counts a request and widens when it overlaps another one.
func (s *Scaler) enter() {
	if s.inflight.Add(1) < 2 {
		return
	}
	s.overlaps.Add(1) // a counter, not a clock read on every request
	if s.wide.Load() {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.wide.Load() {
		s.restoreProcs()
		s.wide.Store(true)
	}
}

// narrow returns to one P once requests have stopped overlapping for the
// quiet period. It clears wide before it looks at the requests in flight,
// and enter counts its request before it looks at wide, so a request that
// arrives meanwhile is either seen here or widens again itself.
func (s *Scaler) narrow() {
	if n := s.overlaps.Load(); n != s.seen {
		s.seen, s.calm = n, 0
		return
	}
	if s.calm++; s.calm < quietChecks || !s.wide.Load() {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.wide.Store(false)
	if s.inflight.Load() > 1 {
		s.wide.Store(true)
		return
	}
	s.setProcs()
}
