package authd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/daemons/internal/sockpath"
	"github.com/wazuh-go/server/host/socket"
)

// Server limits.
const (
	// SocketMode is the mode of the auth socket file (Wazuh: 0660).
	SocketMode fs.FileMode = 0o660
	// MaxConnections bounds concurrently served connections; further
	// clients wait in the listen backlog.
	MaxConnections = 32
	// ReadTimeout bounds the wait for a client's request frame.
	ReadTimeout = 10 * time.Second
	// RequestTimeout bounds one request, wazuh-db commands included.
	RequestTimeout = 30 * time.Second
)

// Server serves Service on authd's local stream socket: one framed JSON
// request, one framed JSON reply, then the connection is closed.
type Server struct {
	svc  *Service
	log  hclog.Logger
	path string
	ln   *net.UnixListener
	sem  chan struct{}
	wg   sync.WaitGroup

	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool
	once   sync.Once
}

// Listen binds the socket at path (removing a stale one, creating the
// directory with dirMode) and starts serving svc.
func Listen(path string, dirMode fs.FileMode, svc *Service, logger hclog.Logger) (*Server, error) {
	if logger == nil {
		logger = hclog.NewNullLogger()
	}
	if err := sockpath.Prepare(path, "unix", dirMode); err != nil {
		return nil, err
	}
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		return nil, fmt.Errorf("authd: listen %s: %w", path, err)
	}
	if err := os.Chmod(path, SocketMode); err != nil {
		_ = ln.Close()
		return nil, fmt.Errorf("authd: chmod %s: %w", path, err)
	}
	s := &Server{svc: svc, log: logger, path: path, ln: ln,
		sem: make(chan struct{}, MaxConnections), conns: map[net.Conn]struct{}{}}
	s.wg.Add(1)
	go s.acceptLoop()
	return s, nil
}

// Path returns the socket path.
func (s *Server) Path() string { return s.path }

func (s *Server) acceptLoop() {
	defer s.wg.Done()
	for {
		s.sem <- struct{}{}
		conn, err := s.ln.Accept()
		if err != nil {
			<-s.sem
			if errors.Is(err, net.ErrClosed) {
				return
			}
			s.log.Warn("accept failed", "error", err)
			time.Sleep(10 * time.Millisecond)
			continue
		}
		_ = conn.SetDeadline(time.Now().Add(ReadTimeout))
		if !s.track(conn) {
			<-s.sem
			_ = conn.Close()
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer func() { <-s.sem }()
			defer s.untrack(conn)
			s.serveConn(conn)
		}()
	}
}

func (s *Server) track(c net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.conns[c] = struct{}{}
	return true
}

func (s *Server) untrack(c net.Conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
	_ = c.Close()
}

// serveConn handles one connection: read one frame, reply, close. An
// oversized or empty frame gets a 9002 reply instead of a silent close.
// The read deadline was set by the accept loop.
func (s *Server) serveConn(conn net.Conn) {
	req, err := socket.ReadFrame(conn, socket.MaxFrameBytes)
	var reply []byte
	switch {
	case err == nil:
		ctx, cancel := context.WithTimeout(context.Background(), RequestTimeout)
		reply = s.svc.Dispatch(ctx, req)
		cancel()
	case errors.Is(err, socket.ErrFrameTooLarge), errors.Is(err, socket.ErrEmptyFrame):
		s.log.Warn("rejected local request", "error", err)
		reply = errorReply(newError(CodeParseJSON))
	case errors.Is(err, io.EOF):
		return
	default:
		s.log.Debug("cannot read local request", "error", err)
		return
	}
	_ = conn.SetDeadline(time.Now().Add(ReadTimeout))
	if err := socket.WriteFrame(conn, reply); err != nil {
		s.log.Debug("cannot send reply", "error", err)
	}
}

// Close stops accepting, interrupts idle clients, waits for in-flight
// requests to finish and removes the socket file. Safe to call twice.
func (s *Server) Close() error {
	var err error
	s.once.Do(func() {
		s.mu.Lock()
		s.closed = true
		for c := range s.conns {
			// Unblock reads; a request already dispatched still completes.
			_ = c.SetReadDeadline(time.Now())
		}
		s.mu.Unlock()
		if cerr := s.ln.Close(); cerr != nil && !errors.Is(cerr, net.ErrClosed) {
			err = fmt.Errorf("authd: close %s: %w", s.path, cerr)
		}
		s.wg.Wait()
		if rerr := sockpath.Remove(s.path); rerr != nil && err == nil {
			err = rerr
		}
	})
	return err
}
