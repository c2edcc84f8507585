package socket

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync/atomic"
	"time"
)

// DefaultTimeout bounds dialing and each request/response exchange of a
// StreamConn when the caller's context has no earlier deadline.
const DefaultTimeout = 30 * time.Second

// StreamConn is one connection to a framed stream socket (wazuh-db, authd,
// remoted, com...). Each Request writes one frame and reads one frame back.
// A StreamConn is not safe for concurrent use; pool connections instead.
// After any transport error it reports Broken and must be discarded, since
// the stream may be out of sync.
type StreamConn struct {
	conn    net.Conn
	path    string
	timeout time.Duration
	max     int
	broken  atomic.Bool
}

// Dial connects to the Unix stream socket at path. timeout bounds the dial
// and every later exchange (0 means DefaultTimeout); the context can cut it
// shorter. Errors carry Wazuh code 1013 or 1121.
func Dial(ctx context.Context, path string, timeout time.Duration) (*StreamConn, error) {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	d := net.Dialer{Timeout: timeout}
	c, err := d.DialContext(ctx, "unix", path)
	if err != nil {
		return nil, dialError(path, err)
	}
	return &StreamConn{conn: c, path: path, timeout: timeout, max: MaxFrameBytes}, nil
}

// Path returns the socket path the connection was dialed to.
func (s *StreamConn) Path() string { return s.path }

// Broken reports whether a previous exchange failed, leaving the stream in
// an unknown state.
func (s *StreamConn) Broken() bool { return s.broken.Load() }

// Close closes the connection.
func (s *StreamConn) Close() error {
	s.broken.Store(true)
	return s.conn.Close()
}

// Request sends req as one frame and returns the payload of the next frame.
// Requests larger than MaxFrameBytes fail with code 1123 without touching the
// connection; other failures carry code 1014 and break the connection.
func (s *StreamConn) Request(ctx context.Context, req []byte) ([]byte, error) {
	if len(req) > s.max {
		return nil, ioError(s.path, fmt.Errorf("%w: %w: %d bytes (max %d)", errRequest, ErrFrameTooLarge, len(req), s.max))
	}
	if err := s.Send(ctx, req); err != nil {
		return nil, err
	}
	return s.Receive(ctx)
}

// Send writes one frame.
func (s *StreamConn) Send(ctx context.Context, req []byte) error {
	return s.exchange(ctx, func() error {
		if err := WriteFrameLimit(s.conn, req, s.max); err != nil {
			return fmt.Errorf("%w: %w", errRequest, err)
		}
		return nil
	})
}

// Receive reads one frame. Some daemons answer a single request with several
// frames (wazuh-db's "due" streams); call Receive again to read them.
func (s *StreamConn) Receive(ctx context.Context) ([]byte, error) {
	var out []byte
	err := s.exchange(ctx, func() error {
		b, err := ReadFrame(s.conn, s.max)
		out = b
		return err
	})
	return out, err
}

// exchange runs op under the connection deadline and the context, marking
// the connection broken when op fails or the context interrupts it.
func (s *StreamConn) exchange(ctx context.Context, op func() error) error {
	if s.broken.Load() {
		return ioError(s.path, net.ErrClosed)
	}
	deadline := time.Now().Add(s.timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	if err := s.conn.SetDeadline(deadline); err != nil {
		s.broken.Store(true)
		return ioError(s.path, err)
	}
	stop := context.AfterFunc(ctx, func() {
		_ = s.conn.SetDeadline(time.Unix(1, 0))
	})
	err := op()
	if !stop() {
		// The context fired: whatever op returned, the deadline was
		// forced into the past and the stream can no longer be trusted.
		s.broken.Store(true)
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ioError(s.path, errors.Join(ctxErr, err))
		}
	}
	if err != nil {
		s.broken.Store(true)
		return ioError(s.path, err)
	}
	return nil
}
