package workers

import (
	"sync"
	"testing"
	"time"
)

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

func TestPoolRunsEveryJobWithoutQueueing(t *testing.T) {
	p := New(0)
	defer p.Close()
	// 20 jobs that all block until released: none may wait for another.
	release := make(chan struct{})
	var started, done sync.WaitGroup
	started.Add(20)
	done.Add(20)
	for range 20 {
		p.Run(func() {
			started.Done()
			<-release
			done.Done()
		})
	}
	waitOrFail(t, &started, "jobs queued behind blocked ones")
	if n := p.Live(); n != 20 {
		t.Fatalf("%d workers live for 20 blocked jobs", n)
	}
	close(release)
	waitOrFail(t, &done, "jobs did not finish")
	// Idle workers take later jobs.
	done.Add(1)
	p.Run(func() { done.Done() })
	waitOrFail(t, &done, "a job after the burst did not run")
}

func TestPoolReusesAnIdleWorker(t *testing.T) {
	p := New(0)
	defer p.Close()
	var wg sync.WaitGroup
	for range 50 { // one job at a time: a single worker serves them all
		wg.Add(1)
		p.Run(wg.Done)
		waitOrFail(t, &wg, "job did not run")
		time.Sleep(time.Millisecond) // let the worker get back to waiting
	}
	if n := p.Spawned(); n != 1 {
		t.Fatalf("%d workers started for sequential jobs, want 1 reused", n)
	}
}

func TestPoolWorkersExitOnCloseAndWhenIdle(t *testing.T) {
	for _, closeIt := range []bool{true, false} {
		p := New(20 * time.Millisecond)
		var wg sync.WaitGroup
		wg.Add(5)
		for range 5 {
			p.Run(wg.Done)
		}
		waitOrFail(t, &wg, "jobs did not run")
		if closeIt {
			p.Close()
		}
		deadline := time.Now().Add(10 * time.Second) // hang detection only
		for p.Live() > 0 {
			if time.Now().After(deadline) {
				t.Fatalf("close=%v: %d workers left", closeIt, p.Live())
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
}
