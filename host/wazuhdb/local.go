package wazuhdb

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"

	"github.com/wazuh-go/server/host/socket"
	"github.com/wazuh-go/server/sdk"
)

// LocalConn is an in-process connection to the server: each Request is
// answered by the same session logic as a socket connection (one open
// cursor per connection, replies cut at 64 KiB), without the socket, its
// syscalls and its frame copies. The host's wazuh-db client uses it in
// embedded mode (wdb.WithDialer); errors carry the socket's Wazuh codes.
type LocalConn struct {
	s      *Server
	ss     *session
	mu     sync.Mutex // held while a request runs
	closed bool       // guarded by mu
	broken atomic.Bool
}

// errLocalRequest is the text the socket transport puts before an
// oversized request's error.
var errLocalRequest = errors.New("socket: request")

// Dial opens an in-process connection. It fails once the server is closed.
func (s *Server) Dial(context.Context) (*LocalConn, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, fmt.Errorf("%w: %w", sdk.NewError(socket.CodeConnect, s.path), net.ErrClosed)
	}
	c := &LocalConn{s: s, ss: newSession(s)}
	s.locals[c] = struct{}{}
	return c, nil
}

// Request answers one request frame. A context that ends first breaks the
// connection (as it would a socket) while the request completes behind it.
func (c *LocalConn) Request(ctx context.Context, req []byte) ([]byte, error) {
	if c.broken.Load() {
		return nil, c.ioError(net.ErrClosed)
	}
	if len(req) > socket.MaxFrameBytes {
		return nil, fmt.Errorf("%w: %w", sdk.NewError(socket.CodeQueryTooLong, c.s.path),
			fmt.Errorf("%w: %w: %d bytes (max %d)", errLocalRequest, socket.ErrFrameTooLarge, len(req), socket.MaxFrameBytes))
	}
	if ctx.Done() == nil {
		return c.do(req)
	}
	if err := ctx.Err(); err != nil {
		c.broken.Store(true)
		return nil, c.ioError(err)
	}
	type result struct {
		reply []byte
		err   error
	}
	done := make(chan result, 1)
	c.s.workers.Run(func() {
		reply, err := c.do(req)
		done <- result{reply, err}
	})
	select {
	case r := <-done:
		return r.reply, r.err
	case <-ctx.Done():
		c.broken.Store(true)
		return nil, c.ioError(ctx.Err())
	}
}

// do runs one request on the session.
func (c *LocalConn) do(req []byte) ([]byte, error) {
	c.s.mu.Lock()
	if c.s.closed {
		c.s.mu.Unlock()
		c.broken.Store(true)
		return nil, c.ioError(net.ErrClosed)
	}
	c.s.localBusy.Add(1)
	c.s.mu.Unlock()
	defer c.s.localBusy.Done()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		c.broken.Store(true)
		return nil, c.ioError(net.ErrClosed)
	}
	if len(req) == 0 {
		return errReply("Invalid request: empty message"), nil
	}
	resp := c.s.handle(context.Background(), c.ss, req)
	if len(resp) < localCopyMax {
		out := append([]byte(nil), resp...)
		putReplyBuf(resp)
		return out, nil
	}
	return resp, nil
}

// localCopyMax is the reply size from which a pooled reply buffer is handed
// over (to be recycled by the caller) instead of copied: a large page is
// not copied, a small reply does not take a whole reply buffer.
const localCopyMax = 16 << 10

// Recycle takes back a reply the caller no longer refers to, for the
// replies of later requests. Replies that are not recycled are simply
// left to the garbage collector.
func (c *LocalConn) Recycle(reply []byte) { putReplyBuf(reply) }

func (c *LocalConn) ioError(cause error) error {
	return fmt.Errorf("%w: %w", sdk.NewError(socket.CodeCommunicate, c.s.path), cause)
}

// Broken reports a connection that was closed or interrupted.
func (c *LocalConn) Broken() bool { return c.broken.Load() }

// Close ends the session, at once or, when a request interrupted by its
// context is still running, as soon as it is done (without waiting).
func (c *LocalConn) Close() error {
	c.broken.Store(true)
	c.s.mu.Lock()
	delete(c.s.locals, c)
	c.s.mu.Unlock()
	if c.mu.TryLock() {
		c.closeLocked()
		c.mu.Unlock()
	} else {
		go c.shut()
	}
	return nil
}

// closeLocked closes the session; c.mu is held.
func (c *LocalConn) closeLocked() {
	if !c.closed {
		c.closed = true
		c.ss.close()
	}
}

// shut closes the session, waiting for a running request.
func (c *LocalConn) shut() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closeLocked()
}

// closeLocals shuts every in-process connection (the server is closing).
func (s *Server) closeLocals() {
	s.mu.Lock()
	locals := make([]*LocalConn, 0, len(s.locals))
	for c := range s.locals {
		locals = append(locals, c)
		delete(s.locals, c)
	}
	s.mu.Unlock()
	for _, c := range locals {
		c.broken.Store(true)
		c.shut()
	}
}
