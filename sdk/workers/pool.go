package workers

import (
	"sync/atomic"
	"time"
)

// DefaultIdle is how long a worker waits for another job before it exits.
const DefaultIdle = 30 * time.Second

// Pool runs each job at once: on an idle worker when one is waiting, on a
// new worker otherwise (which then stays), so that jobs never queue
// behind each other. Idle workers exit after the idle period, or at
// Close. The zero value is not usable; use New.
type Pool struct {
	idle time.Duration
	jobs chan func()
	done chan struct{}
	// spawned counts the workers started; live those not yet exited.
	spawned, live atomic.Int64
}

// New returns a pool whose workers exit after idle (DefaultIdle when
// zero) without a job.
func New(idle time.Duration) *Pool {
	if idle <= 0 {
		idle = DefaultIdle
	}
	return &Pool{idle: idle, jobs: make(chan func()), done: make(chan struct{})}
}

// Run runs job on a worker.
func (p *Pool) Run(job func()) {
	select {
	case p.jobs <- job:
	default:
		p.spawned.Add(1)
		p.live.Add(1)
		go p.work(job)
	}
}

// work runs job, then further jobs until it has been idle too long or the
// pool is closed.
func (p *Pool) work(job func()) {
	defer p.live.Add(-1)
	idle := time.NewTimer(p.idle)
	defer idle.Stop()
	for {
		job()
		idle.Reset(p.idle)
		select {
		case job = <-p.jobs:
		case <-idle.C:
			return
		case <-p.done:
			return
		}
	}
}

// Close lets the idle workers exit; jobs already running finish. Run must
// not be called after Close.
func (p *Pool) Close() { close(p.done) }

// Spawned returns how many workers the pool has started.
func (p *Pool) Spawned() int64 { return p.spawned.Load() }

// Live returns how many workers have not exited yet.
func (p *Pool) Live() int64 { return p.live.Load() }
