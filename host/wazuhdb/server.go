package wazuhdb

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/wazuh-go/server/sdk/workers"
)

// Server is an embedded wazuh-db: it serves the wazuh-db text protocol on a
// Unix stream socket from SQLite files laid out like a Wazuh root.
type Server struct {
	root  string
	opts  options
	store *store
	ln    net.Listener
	path  string

	plans planMemo

	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	locals map[*LocalConn]struct{}
	// workers run in-process requests on goroutines kept between them
	// (SQLite's deep call chains would grow a fresh stack every time).
	workers *workers.Pool
	// localBusy counts requests running on in-process connections.
	localBusy sync.WaitGroup
	closed    bool
	wg        sync.WaitGroup
	done      chan struct{}
}

// Start opens (creating or upgrading) the databases under root, listens on
// <root>/queue/db/wdb (creating directories and removing a stale socket) and
// serves in the background until ctx is done or Close is called.
func Start(ctx context.Context, root string, opts ...Option) (*Server, error) {
	o := defaultOptions()
	for _, opt := range opts {
		opt(&o)
	}
	st, err := openStore(ctx, root, o.openAgentDBs)
	if err != nil {
		return nil, err
	}
	s := &Server{root: root, opts: o, store: st, conns: map[net.Conn]struct{}{},
		locals: map[*LocalConn]struct{}{}, workers: workers.New(0), done: make(chan struct{})}
	if o.manager != nil {
		if err := s.syncManager(ctx, *o.manager); err != nil {
			_ = st.close()
			return nil, err
		}
	}
	s.path = o.socketPath
	if s.path == "" {
		s.path = filepath.Join(root, socketPath)
	}
	if s.ln, err = listenUnix(s.path); err != nil {
		_ = st.close()
		return nil, err
	}
	s.wg.Add(1)
	go s.acceptLoop()
	go func() {
		select {
		case <-ctx.Done():
			_ = s.Close()
		case <-s.done:
		}
	}()
	return s, nil
}

// Serve is Start followed by waiting for ctx: it returns nil once ctx is
// done and the server has shut down, or the error that prevented starting.
func Serve(ctx context.Context, root string, opts ...Option) error {
	s, err := Start(ctx, root, opts...)
	if err != nil {
		return err
	}
	<-s.done
	return nil
}

// SocketPath returns the path of the listening socket.
func (s *Server) SocketPath() string { return s.path }

// Done is closed once the server has shut down.
func (s *Server) Done() <-chan struct{} { return s.done }

// Close stops listening, closes client connections, waits for in-flight
// requests and closes the databases. It is safe to call more than once.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		<-s.done
		return nil
	}
	s.closed = true
	err := s.ln.Close()
	for c := range s.conns {
		_ = c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	s.localBusy.Wait()
	s.closeLocals()
	s.workers.Close()
	_ = os.Remove(s.path)
	err = errors.Join(err, s.store.close())
	close(s.done)
	if errors.Is(err, net.ErrClosed) {
		err = nil
	}
	return err
}

// listenUnix listens on path, creating its directory and replacing a stale
// socket file. It refuses to take over a socket someone still serves on, or
// a path that is not a socket.
func listenUnix(path string) (net.Listener, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("wazuhdb: socket dir: %w", err)
	}
	if fi, err := os.Lstat(path); err == nil {
		if fi.Mode()&os.ModeSocket == 0 {
			return nil, fmt.Errorf("wazuhdb: %s exists and is not a socket", path)
		}
		if c, err := net.DialTimeout("unix", path, 500*time.Millisecond); err == nil {
			_ = c.Close()
			return nil, fmt.Errorf("wazuhdb: %s is in use by another wazuh-db", path)
		}
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("wazuhdb: remove stale socket: %w", err)
		}
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("wazuhdb: listen: %w", err)
	}
	if err := os.Chmod(path, 0o660); err != nil {
		_ = ln.Close()
		return nil, fmt.Errorf("wazuhdb: chmod socket: %w", err)
	}
	return ln, nil
}

func (s *Server) acceptLoop() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			s.opts.logger.Warn("wazuh-db: accept", "err", err)
			time.Sleep(50 * time.Millisecond)
			continue
		}
		s.mu.Lock()
		if s.closed || len(s.conns) >= s.opts.maxConns {
			s.mu.Unlock()
			_ = c.Close()
			continue
		}
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go s.serveConn(c)
	}
}
