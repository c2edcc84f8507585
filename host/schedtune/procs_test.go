package schedtune

import (
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// fakeProcs records the switches a Scaler makes.
type fakeProcs struct {
	mu    sync.Mutex
	procs int
	log   []int
}

func (f *fakeProcs) set(n int) {
	f.mu.Lock()
	f.procs = n
	f.log = append(f.log, n)
	f.mu.Unlock()
}

func newFake() (*Scaler, *fakeProcs) {
	f := &fakeProcs{procs: 2}
	return newScaler(time.Second, func() { f.set(1) }, func() { f.set(2) }), f
}

// elapse runs the narrowing checks of d of the scaler's one-second quiet
// period (one check per quarter second), as its ticker would.
func elapse(s *Scaler, d time.Duration) {
	for range int(d / (time.Second / quietChecks)) {
		s.narrow()
	}
}

func TestScalerNarrowsOnlyAfterQuietPeriod(t *testing.T) {
	s, f := newFake()
	s.narrow()
	if f.procs != 2 {
		t.Fatal("narrowed before the quiet period had passed since start")
	}
	elapse(s, time.Second)
	if f.procs != 1 {
		t.Fatal("did not narrow after a quiet period with no request in flight")
	}
	s.narrow()
	if len(f.log) != 1 {
		t.Fatalf("switched again while already narrow: %v", f.log)
	}
}

func TestScalerWidensWhenRequestsOverlap(t *testing.T) {
	s, f := newFake()
	elapse(s, time.Second)
	s.enter() // one request: stays narrow
	if f.procs != 1 {
		t.Fatal("widened for a single request")
	}
	s.enter() // a second one overlaps
	if f.procs != 2 {
		t.Fatal("did not widen when two requests overlapped")
	}
	s.inflight.Add(-2)
	elapse(s, 500*time.Millisecond)
	if f.procs != 2 {
		t.Fatal("narrowed less than a quiet period after the overlap")
	}
	// The check that first sees the overlap starts the quiet period.
	elapse(s, 750*time.Millisecond)
	if f.procs != 1 {
		t.Fatal("did not narrow a quiet period after the overlap")
	}
}

func TestScalerStaysWideWhileRequestsOverlap(t *testing.T) {
	s, f := newFake()
	s.enter()
	s.enter()
	elapse(s, 5*time.Second) // the overlap is old, but still in flight
	s.narrow()
	if f.procs != 2 || !s.wide.Load() {
		t.Fatalf("narrowed with two requests in flight: %v", f.log)
	}
}

func TestScalerWrapCountsRequestsAndStopRestores(t *testing.T) {
	s, f := newFake()
	elapse(s, time.Second)
	release := make(chan struct{})
	started := make(chan struct{}, 2)
	h := s.Wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		started <- struct{}{}
		<-release
	}))
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil)) })
	}
	<-started
	<-started
	if f.procs != 2 {
		t.Fatal("two requests in flight through Wrap did not widen")
	}
	close(release)
	wg.Wait()
	if n := s.inflight.Load(); n != 0 {
		t.Fatalf("%d requests still counted in flight", n)
	}
	elapse(s, 1250*time.Millisecond)
	if f.procs != 1 {
		t.Fatal("did not narrow a quiet period after the requests")
	}
	s.Start()
	s.Stop()
	if f.procs != 2 {
		t.Fatal("Stop left the process narrowed")
	}
}

func TestNilScalerIsInert(t *testing.T) {
	var s *Scaler
	s.Start()
	s.Stop()
	h := http.NotFoundHandler()
	if s.Wrap(h) == nil {
		t.Fatal("nil Scaler lost the handler")
	}
}

func TestNewScalerRespectsGOMAXPROCSEnv(t *testing.T) {
	t.Setenv("GOMAXPROCS", "2")
	if NewScaler(0) != nil {
		t.Fatal("scaler created although GOMAXPROCS is set in the environment")
	}
}

func TestScalerCountsHandshakesAsWork(t *testing.T) {
	s, f := newFake()
	elapse(s, time.Second)
	hook := s.ConnState(nil)
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	hook(a, http.StateNew)
	hook(b, http.StateNew)
	if f.procs != 2 {
		t.Fatal("two connections in their handshake did not widen")
	}
	hook(a, http.StateActive)
	hook(a, http.StateIdle)
	hook(a, http.StateActive) // later requests are counted by Wrap, not here
	hook(b, http.StateClosed)
	if n := s.inflight.Load(); n != 0 {
		t.Fatalf("%d still counted after both connections left their handshake", n)
	}
	var seen []http.ConnState
	chained := s.ConnState(func(_ net.Conn, st http.ConnState) { seen = append(seen, st) })
	chained(a, http.StateNew)
	chained(a, http.StateClosed)
	if len(seen) != 2 || s.inflight.Load() != 0 {
		t.Fatalf("chained hook saw %v, in flight %d", seen, s.inflight.Load())
	}
}
