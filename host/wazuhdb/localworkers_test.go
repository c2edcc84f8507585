package wazuhdb

import (
	"runtime"
	"sync"
	"testing"
	"time"
)

func TestLocalWorkersRunEveryJobWithoutQueueing(t *testing.T) {
	p := newLocalWorkers()
	defer p.close()
	// 20 jobs that all block until released: none may wait for another.
	release := make(chan struct{})
	var started, done sync.WaitGroup
	started.Add(20)
	done.Add(20)
	for range 20 {
		p.run(func() {
			started.Done()
			<-release
			done.Done()
		})
	}
	waitOrFail(t, &started, "jobs queued behind blocked ones")
	close(release)
	waitOrFail(t, &done, "jobs did not finish")
	// Idle workers take later jobs.
	done.Add(1)
	p.run(func() { done.Done() })
	waitOrFail(t, &done, "a job after the burst did not run")
}

func TestLocalWorkersExitOnClose(t *testing.T) {
	before := runtime.NumGoroutine()
	p := newLocalWorkers()
	var wg sync.WaitGroup
	wg.Add(5)
	for range 5 {
		p.run(wg.Done)
	}
	waitOrFail(t, &wg, "jobs did not run")
	p.close()
	deadline := time.Now().Add(10 * time.Second) // hang detection only
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines left after close (had %d)", runtime.NumGoroutine(), before)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func waitOrFail(t *testing.T, wg *sync.WaitGroup, msg string) {
	t.Helper()
	ch := make(chan struct{})
	go func() { wg.Wait(); close(ch) }()
	select {
	case <-ch:
	case <-time.After(10 * time.Second): // hang detection only
		t.Fatal(msg)
	}
}
