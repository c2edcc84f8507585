package socket

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/wazuh-go/server/sdk"
)

// MaxDatagramBytes is the largest datagram Wazuh's Python side sends to a
// daemon queue (analysisd's queue, ar, execq): a longer message is refused
// before sending (the API reports it as error 1012).
const MaxDatagramBytes = 65535

// DatagramSendBuffer is the SO_SNDBUF the sender asks for, as Python's
// BaseQueue does when the system default is smaller.
const DatagramSendBuffer = 64 * 1024

// DefaultDatagramTimeout bounds one send when the context has no deadline. A
// unix datagram send blocks while the reader's queue is full; Wazuh would
// block forever, the host gives up instead.
const DefaultDatagramTimeout = 10 * time.Second

var (
	// ErrDatagramTooLarge is returned for a message longer than the limit;
	// the error also carries Wazuh code 1012.
	ErrDatagramTooLarge = errors.New("socket: datagram exceeds maximum size")
	// ErrDatagramEmpty is returned for an empty message.
	ErrDatagramEmpty = errors.New("socket: empty datagram")
	// ErrDatagramConnect marks a failure to connect to the datagram socket.
	// The error also carries Wazuh code 1010 with the socket path, as the
	// framework's BaseQueue raises for a missing or refused queue, and
	// matches fs.ErrNotExist when the socket file is missing (Wazuh
	// distinguishes the two for execq, 1901 vs 1902).
	ErrDatagramConnect = errors.New("socket: cannot connect to datagram socket")
	// ErrDatagramSend marks a failure to send on a connected datagram
	// socket; the error also carries Wazuh code 1014.
	ErrDatagramSend = errors.New("socket: cannot send datagram")
	// ErrDatagramClosed is returned by Send after Close.
	ErrDatagramClosed = errors.New("socket: datagram sender closed")
)

// DatagramConn is a connected sender to one unix datagram socket (Wazuh's
// queue/sockets/queue, queue/alerts/ar or queue/alerts/execq). It is safe for
// concurrent use; each Send is one datagram.
type DatagramConn struct {
	path  string
	limit int

	mu   sync.Mutex
	conn *net.UnixConn
}

// DialDatagram connects to the unix datagram socket at path. Messages are
// limited to MaxDatagramBytes.
func DialDatagram(path string) (*DatagramConn, error) {
	return DialDatagramLimit(path, MaxDatagramBytes)
}

// DialDatagramLimit is DialDatagram with an explicit message size limit
// (0 = MaxDatagramBytes).
func DialDatagramLimit(path string, limit int) (*DatagramConn, error) {
	if limit <= 0 {
		limit = MaxDatagramBytes
	}
	c, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDatagramConnect, wazuhErr(CodeQueueConnect, path, err))
	}
	// Best effort, like Python's BaseQueue: a failure only limits throughput.
	_ = c.SetWriteBuffer(DatagramSendBuffer)
	return &DatagramConn{path: path, limit: limit, conn: c}, nil
}

// Path returns the socket path the sender is connected to.
func (d *DatagramConn) Path() string { return d.path }

// Send writes msg as one datagram. The context deadline (or
// DefaultDatagramTimeout) bounds the time spent blocked on a full queue.
func (d *DatagramConn) Send(ctx context.Context, msg []byte) error {
	if len(msg) == 0 {
		return ErrDatagramEmpty
	}
	if len(msg) > d.limit {
		return tooLarge(d.path, len(msg), d.limit)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w: %w", ErrDatagramSend, wazuhErr(CodeCommunicate, d.path, err))
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.conn == nil {
		return ErrDatagramClosed
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(DefaultDatagramTimeout)
	}
	_ = d.conn.SetWriteDeadline(deadline)
	n, err := d.conn.Write(msg)
	if err == nil && n != len(msg) {
		err = fmt.Errorf("short write (%d of %d bytes)", n, len(msg))
	}
	if err != nil {
		return fmt.Errorf("%w: %w", ErrDatagramSend, wazuhErr(CodeCommunicate, d.path, err))
	}
	return nil
}

// Close releases the socket. Further Sends fail with ErrDatagramClosed.
func (d *DatagramConn) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.conn == nil {
		return nil
	}
	err := d.conn.Close()
	d.conn = nil
	if err != nil {
		return fmt.Errorf("socket: close datagram sender %s: %w", d.path, err)
	}
	return nil
}

// SendDatagram connects to the unix datagram socket at path, sends msg as
// one datagram (at most MaxDatagramBytes) and disconnects, as Wazuh's Python
// queue helpers do for a single message.
func SendDatagram(ctx context.Context, path string, msg []byte) error {
	if len(msg) == 0 {
		return ErrDatagramEmpty
	}
	if len(msg) > MaxDatagramBytes {
		return tooLarge(path, len(msg), MaxDatagramBytes)
	}
	d, err := DialDatagram(path)
	if err != nil {
		return err
	}
	sendErr := d.Send(ctx, msg)
	closeErr := d.Close()
	if sendErr != nil {
		return sendErr
	}
	return closeErr
}

// tooLarge is the error for a message over the datagram limit: code 1012,
// worded like the framework's refusal of an oversized event.
func tooLarge(path string, n, limit int) error {
	extra := fmt.Sprintf("The message is too large to be sent to %s (maximum is %dB)", path, limit)
	return fmt.Errorf("%w: %w: %d bytes", ErrDatagramTooLarge, sdk.NewError(CodeQueueMessage, extra), n)
}
