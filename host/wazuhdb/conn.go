package wazuhdb

import (
	"context"
	"errors"
	"io"
	"net"
	"runtime/debug"
	"strings"
	"time"

	"github.com/wazuh-go/server/host/socket"
)

// serveConn answers framed requests on c until the peer closes, a frame is
// malformed beyond recovery or the server shuts down. A zero-length frame
// gets an "err" reply (the stream is still in sync); an oversized header
// gets an "err" reply and the connection is closed (its body cannot be
// skipped safely); a truncated body or a stalled peer just ends it.
func (s *Server) serveConn(c net.Conn) {
	defer s.wg.Done()
	defer func() {
		s.mu.Lock()
		delete(s.conns, c)
		s.mu.Unlock()
		_ = c.Close()
	}()
	ss := newSession(s)
	defer ss.close()
	r := &frameReader{conn: c, bodyTimeout: s.opts.ioTimeout}
	for {
		r.start(s.opts.idleTimeout)
		req, err := socket.ReadFrame(r, socket.MaxFrameBytes)
		switch {
		case err == nil:
		case errors.Is(err, socket.ErrEmptyFrame):
			if !s.writeReply(c, errReply("Invalid request: empty message")) {
				return
			}
			continue
		case errors.Is(err, socket.ErrFrameTooLarge):
			s.writeReply(c, errReply("Invalid request: message larger than 65536 bytes"))
			return
		default:
			if !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
				s.opts.logger.Debug("wazuh-db: read", "err", err)
			}
			return
		}
		resp := s.handle(context.Background(), ss, req)
		ok := s.writeReply(c, resp)
		putReplyBuf(resp)
		if !ok {
			return
		}
	}
}

// writeReply writes one frame under the I/O timeout.
func (s *Server) writeReply(c net.Conn, b []byte) bool {
	_ = c.SetWriteDeadline(time.Now().Add(s.opts.ioTimeout))
	if err := socket.WriteFrame(c, b); err != nil {
		s.opts.logger.Debug("wazuh-db: write", "err", err)
		return false
	}
	return true
}

// handle answers one request. It never panics: a failing handler becomes an
// "err" reply. A trailing newline in the request adds one to the reply, as
// wazuh-db does while the reply is shorter than OS_MAXSTR - 1 bytes (the
// bound is from wazuh-db's main.c as remembered; data-layer.md §2.1 only
// states the newline rule).
func (s *Server) handle(ctx context.Context, ss *session, req []byte) (out []byte) {
	text := string(req)
	newline := strings.HasSuffix(text, "\n")
	if newline {
		text = text[:len(text)-1]
	}
	defer func() {
		if p := recover(); p != nil {
			s.opts.logger.Error("wazuh-db: request panicked", "panic", p, "stack", string(debug.Stack()))
			out = errReply("Internal error")
		}
		if newline && len(out) < maxReply-1 {
			out = append(out, '\n')
		}
		out = clip(out)
	}()
	cmd, err := ParseCommand(text)
	if err != nil {
		return errReply(err.Error())
	}
	return s.dispatch(ctx, ss, cmd)
}

// Query answers one request in-process, exactly as a socket client would be
// answered (the reply includes the status word).
func (s *Server) Query(ctx context.Context, request string) []byte {
	ss := newSession(s)
	defer ss.close()
	return s.handle(ctx, ss, []byte(request))
}

// frameReader applies the idle deadline while waiting for a frame header
// and the I/O deadline once the header has arrived.
type frameReader struct {
	conn        net.Conn
	bodyTimeout time.Duration
	n           int
	bodyArmed   bool
}

func (r *frameReader) start(idle time.Duration) {
	r.n, r.bodyArmed = 0, false
	var d time.Time
	if idle > 0 {
		d = time.Now().Add(idle)
	}
	_ = r.conn.SetReadDeadline(d)
}

// Read reads from the connection, arming the I/O deadline once the 4-byte
// header has been read.
func (r *frameReader) Read(p []byte) (int, error) {
	if r.n >= 4 && !r.bodyArmed {
		r.bodyArmed = true
		_ = r.conn.SetReadDeadline(time.Now().Add(r.bodyTimeout))
	}
	n, err := r.conn.Read(p)
	r.n += n
	return n, err
}
