package wazuhdb

import (
	"sync"
	"time"
)

// session is the state of one client connection: at most one open cursor,
// closed when the next request does not continue it or after a short idle
// time (an open read statement holds a WAL snapshot).
type session struct {
	srv   *Server
	mu    sync.Mutex
	cur   *cursor
	timer *time.Timer
}

func newSession(srv *Server) *session { return &session{srv: srv} }

// dropCursorLocked closes the open cursor; ss.mu must be held.
func (ss *session) dropCursorLocked() {
	if ss.cur != nil {
		ss.cur.close()
		ss.cur = nil
	}
}

// keepCursorLocked keeps c open (or closes it when not worth keeping) and
// arms the idle timer; ss.mu must be held.
func (ss *session) keepCursorLocked(c *cursor) {
	if !c.keep() {
		c.close()
		return
	}
	ss.cur = c
	idle := ss.srv.opts.cursorIdle
	if ss.timer == nil {
		ss.timer = time.AfterFunc(idle, ss.expire)
	} else {
		ss.timer.Reset(idle)
	}
}

func (ss *session) expire() {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.dropCursorLocked()
}

// close releases everything the session holds.
func (ss *session) close() {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.timer != nil {
		ss.timer.Stop()
	}
	ss.dropCursorLocked()
}
