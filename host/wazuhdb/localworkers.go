package wazuhdb

import "time"

// workerIdle is how long an idle worker waits for another job before it
// exits.
const workerIdle = 30 * time.Second

// localWorkers run in-process requests on goroutines that are kept between
// jobs. SQLite's transpiled code runs deep: a fresh goroutine per request
// grew its stack every time, about 5% of the host's CPU under small-page
// listings. A job goes to an idle worker when there is one and to a new
// goroutine otherwise (which then stays as a worker), so requests never
// queue behind each other.
type localWorkers struct {
	jobs chan func()
	stop chan struct{}
}

func newLocalWorkers() *localWorkers {
	return &localWorkers{jobs: make(chan func()), stop: make(chan struct{})}
}

// close lets idle workers exit at once (the server is closed).
func (p *localWorkers) close() { close(p.stop) }

// run starts job on a worker.
func (p *localWorkers) run(job func()) {
	select {
	case p.jobs <- job:
	default:
		go p.work(job)
	}
}

// work runs job, then further jobs until it has been idle for workerIdle.
func (p *localWorkers) work(job func()) {
	idle := time.NewTimer(workerIdle)
	defer idle.Stop()
	for {
		job()
		idle.Reset(workerIdle)
		select {
		case job = <-p.jobs:
		case <-idle.C:
			return
		case <-p.stop:
			return
		}
	}
}
