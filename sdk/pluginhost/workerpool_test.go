package pluginhost

import (
	"sync"
	"testing"
	"time"
)

func TestWorkerPoolReusesIdleWorkersAndCloses(t *testing.T) {
	p := newWorkerPool()
	var wg sync.WaitGroup
	for range 50 { // one call at a time: a single worker serves them all
		wg.Add(1)
		p.run(func() { wg.Done() })
		wg.Wait()
		time.Sleep(time.Millisecond) // let the worker get back to waiting
	}
	if n := p.spawned.Load(); n != 1 {
		t.Fatalf("%d workers started for sequential calls, want 1 reused", n)
	}
	// Calls that overlap get workers of their own.
	release := make(chan struct{})
	var started sync.WaitGroup
	for range 3 {
		started.Add(1)
		wg.Add(1)
		p.run(func() { started.Done(); <-release; wg.Done() })
	}
	started.Wait()
	if n := p.live.Load(); n != 3 {
		t.Fatalf("%d workers live for 3 overlapping calls", n)
	}
	close(release)
	wg.Wait()
	p.close()
	deadline := time.Now().Add(2 * time.Second)
	for p.live.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := p.live.Load(); n > 0 {
		t.Fatalf("%d workers left after close", n)
	}
}
