package dgram

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/wazuh-go/server/host/daemons/internal/sockpath"
)

// BufferBytes is the receive buffer of Wazuh's queue readers
// (OS_MAXSTR + 512). A longer datagram is truncated by the kernel; such
// datagrams are counted and dropped.
const BufferBytes = 65536 + 512

// SocketMode is the mode of the bound socket file (Wazuh uses 0660).
const SocketMode fs.FileMode = 0o660

// Handler receives one datagram. msg is only valid during the call.
type Handler func(msg []byte)

// Stats counts what a Listener received.
type Stats struct {
	// Received is the number of datagrams handed to the handler.
	Received uint64
	// Truncated is the number of datagrams dropped for exceeding BufferBytes.
	Truncated uint64
	// Empty is the number of zero-length datagrams dropped.
	Empty uint64
}

// Listener is a bound unix datagram socket being served.
type Listener struct {
	path string
	conn *net.UnixConn
	done chan struct{}
	once sync.Once

	received, truncated, empty atomic.Uint64
}

// Listen prepares path (removing a stale socket), binds a unix datagram
// socket there with SocketMode and starts delivering datagrams to h on one
// goroutine. Call Close to stop.
func Listen(path string, dirMode fs.FileMode, h Handler) (*Listener, error) {
	if err := sockpath.Prepare(path, "unixgram", dirMode); err != nil {
		return nil, err
	}
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		return nil, fmt.Errorf("dgram: bind %s: %w", path, err)
	}
	if err := os.Chmod(path, SocketMode); err != nil {
		_ = conn.Close()
		_ = sockpath.Remove(path)
		return nil, fmt.Errorf("dgram: chmod %s: %w", path, err)
	}
	_ = conn.SetReadBuffer(BufferBytes)
	l := &Listener{path: path, conn: conn, done: make(chan struct{})}
	go l.serve(h)
	return l, nil
}

func (l *Listener) serve(h Handler) {
	defer close(l.done)
	buf := make([]byte, BufferBytes)
	for {
		n, _, flags, _, err := l.conn.ReadMsgUnix(buf, nil)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			// Transient errors (e.g. ENOBUFS) must not kill the daemon;
			// pause briefly so a persistent one cannot spin the CPU.
			time.Sleep(10 * time.Millisecond)
			continue
		}
		switch {
		case flags&syscall.MSG_TRUNC != 0:
			l.truncated.Add(1)
		case n == 0:
			l.empty.Add(1)
		default:
			l.received.Add(1)
			h(buf[:n])
		}
	}
}

// Path returns the socket path.
func (l *Listener) Path() string { return l.path }

// Stats returns the counters so far.
func (l *Listener) Stats() Stats {
	return Stats{Received: l.received.Load(), Truncated: l.truncated.Load(), Empty: l.empty.Load()}
}

// Close stops reading, waits for the handler to return and removes the
// socket file. It is safe to call more than once.
func (l *Listener) Close() error {
	var err error
	l.once.Do(func() {
		if cerr := l.conn.Close(); cerr != nil {
			err = fmt.Errorf("dgram: close %s: %w", l.path, cerr)
		}
		<-l.done
		if rerr := sockpath.Remove(l.path); rerr != nil && err == nil {
			err = rerr
		}
	})
	return err
}
