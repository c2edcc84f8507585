package wdb

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/wazuh-go/server/host/socket"
	"github.com/wazuh-go/server/sdk"
)

// Conn is one connection to wazuh-db: a request frame in, a reply frame
// out. *socket.StreamConn is the Unix socket one; the embedded server also
// offers in-process connections (see WithDialer).
type Conn interface {
	// Request sends one request and returns its reply.
	Request(ctx context.Context, req []byte) ([]byte, error)
	// Broken reports a connection that must be discarded.
	Broken() bool
	// Close closes the connection.
	Close() error
}

// Recycler is implemented by connections whose replies come from a buffer
// pool: Recycle takes back a reply nothing refers to any more.
type Recycler interface {
	Recycle(reply []byte)
}

// Dialer opens a Conn.
type Dialer func(ctx context.Context) (Conn, error)

// WithDialer makes the client open its connections with d instead of
// dialing the Unix socket (the path is still used in error messages).
func WithDialer(d Dialer) Option {
	return func(o *options) { o.dialer = d }
}

// dial opens a connection with the configured dialer or the socket.
func (c *Client) dial(ctx context.Context) (Conn, error) {
	if c.opts.dialer != nil {
		return c.opts.dialer(ctx)
	}
	return socket.Dial(ctx, c.path, c.opts.timeout)
}

// connPool holds the idle connections of a Client. Connections are handed
// out most recently used first. A paged statement parks its connection
// between pages instead of returning it, so that the next page reaches the
// same wazuh-db session (and the embedded server's open cursor): a parked
// connection holds no slot and is taken by someone else only when nothing
// else is idle and no new connection may be opened, which keeps paging free
// of hold-and-wait (a page callback may itself query wazuh-db).
type connPool struct {
	mu     sync.Mutex
	free   []Conn // idle, most recent last
	parked []Conn // idle, kept for a paged statement
	open   int    // connections open or being dialed
}

// take removes and returns an idle connection: prefer when it is parked,
// else the most recent free one, else (when no connection may be opened) a
// parked one. It reserves a new connection (nil, true) when none is taken,
// or at once when fresh is set.
func (p *connPool) take(prefer Conn, maxOpen int, fresh bool) (Conn, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if fresh {
		p.open++
		return nil, true
	}
	if prefer != nil {
		if i := slices.Index(p.parked, prefer); i >= 0 {
			p.parked = slices.Delete(p.parked, i, i+1)
			return prefer, false
		}
	}
	if n := len(p.free); n > 0 {
		conn := p.free[n-1]
		p.free = p.free[:n-1]
		return conn, false
	}
	if p.open >= maxOpen && len(p.parked) > 0 {
		conn := p.parked[0]
		p.parked = p.parked[1:]
		return conn, false
	}
	p.open++
	return nil, true
}

// give returns conn to the idle lists (parked or free), or reports false
// when they are full.
func (p *connPool) give(conn Conn, park bool, maxIdle int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.free)+len(p.parked) >= maxIdle {
		return false
	}
	if park {
		p.parked = append(p.parked, conn)
	} else {
		p.free = append(p.free, conn)
	}
	return true
}

// unpark moves conn from the parked to the free list, if it is still there.
func (p *connPool) unpark(conn Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if i := slices.Index(p.parked, conn); i >= 0 {
		p.parked = slices.Delete(p.parked, i, i+1)
		p.free = append(p.free, conn)
	}
}

// closed accounts for a connection closed or never dialed.
func (p *connPool) closed() {
	p.mu.Lock()
	p.open--
	p.mu.Unlock()
}

// drain removes and returns every idle connection.
func (p *connPool) drain() []Conn {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := append(p.free, p.parked...)
	p.free, p.parked = nil, nil
	return out
}

// get takes a connection slot and prefer (when still parked), an idle
// connection or a new one (always a new one when fresh is set); reused
// reports a connection that was idle.
func (c *Client) get(ctx context.Context, prefer Conn, fresh bool) (Conn, bool, error) {
	if c.closed.Load() {
		return nil, false, ErrClosed
	}
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, false, fmt.Errorf("wdb: waiting for a connection: %w", ctx.Err())
	}
	conn, dial := c.pool.take(prefer, 2*c.opts.maxConns, fresh)
	if !dial {
		return conn, true, nil
	}
	conn, err := c.dial(ctx)
	if err != nil {
		c.pool.closed()
		<-c.slots
		return nil, false, fmt.Errorf("%w: %w", sdk.NewError(CodeConnect, causeText(err)), err)
	}
	return conn, false, nil
}

// put returns a connection to the pool (parked for the next page of a paged
// statement when park is set), or closes it when broken.
func (c *Client) put(conn Conn, park bool) {
	defer func() { <-c.slots }()
	if conn.Broken() || c.closed.Load() || !c.pool.give(conn, park, c.opts.maxConns) {
		_ = conn.Close()
		c.pool.closed()
	}
}
