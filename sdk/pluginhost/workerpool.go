package pluginhost

import (
	"sync/atomic"
	"time"
)

// workerIdle is how long a handler goroutine waits for another call
// before it exits.
const workerIdle = 30 * time.Second

// workerPool runs an Exchange stream's calls on reused goroutines. A fresh
// goroutine starts with a small stack and copies it as a handler's deep
// call chain (router, JSON, gRPC encoding) grows it, on every call: about
// 5% of a module's CPU. A reused goroutine keeps its grown stack. Idle
// workers exit after workerIdle, or when the pool is closed.
type workerPool struct {
	jobs chan func()
	done chan struct{}
	// spawned counts the workers started, live those not yet exited.
	spawned, live atomic.Int64
}

func newWorkerPool() *workerPool {
	return &workerPool{jobs: make(chan func()), done: make(chan struct{})}
}

// run runs f on an idle worker, or on a new one when none is waiting.
func (p *workerPool) run(f func()) {
	select {
	case p.jobs <- f:
	default:
		p.spawned.Add(1)
		p.live.Add(1)
		go p.work(f)
	}
}

func (p *workerPool) work(f func()) {
	defer p.live.Add(-1)
	idle := time.NewTimer(workerIdle)
	defer idle.Stop()
	for {
		f()
		idle.Reset(workerIdle)
		select {
		case f = <-p.jobs:
		case <-idle.C:
			return
		case <-p.done:
			return
		}
	}
}

// close lets the idle workers exit; calls already running finish.
func (p *workerPool) close() { close(p.done) }
