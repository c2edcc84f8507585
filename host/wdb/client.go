package wdb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/wazuh-go/server/host/socket"
	"github.com/wazuh-go/server/sdk"
)

// Status words of wazuh-db replies.
const (
	StatusOK      = "ok"
	StatusDue     = "due"
	StatusErr     = "err"
	StatusIgnored = "ign"
	StatusUnknown = "unk"
)

// Client talks to one wazuh-db socket through a pool of persistent
// connections. It is safe for concurrent use.
type Client struct {
	path   string
	opts   options
	idle   chan *socket.StreamConn
	slots  chan struct{}
	closed atomic.Bool
}

// New returns a client for the wazuh-db socket at path. It does not dial
// until the first request.
func New(path string, opts ...Option) *Client {
	o := defaultOptions()
	for _, opt := range opts {
		opt(&o)
	}
	return &Client{
		path:  path,
		opts:  o,
		idle:  make(chan *socket.StreamConn, o.maxConns),
		slots: make(chan struct{}, o.maxConns),
	}
}

// Path returns the socket path.
func (c *Client) Path() string { return c.path }

// Close closes idle connections; connections in use close when returned.
func (c *Client) Close() error {
	c.closed.Store(true)
	for {
		select {
		case conn := <-c.idle:
			_ = conn.Close()
		default:
			return nil
		}
	}
}

// ErrClosed is returned for requests on a closed Client.
var ErrClosed = errors.New("wdb: client closed")

// Exec sends command and returns wazuh-db's status word and payload (the
// text after the first space, nil when there is none). Transport failures
// are errors (2005 when the socket cannot be reached, 1014 on I/O errors,
// 1123 for a command over 64 KiB); a reply that fills a whole frame, which
// is how wazuh-db signals a cut "sql" result, is returned together with a
// 2009 error.
func (c *Client) Exec(ctx context.Context, command string) (status string, payload []byte, err error) {
	status, payload, cut, err := c.exchange(ctx, command)
	if err == nil && cut {
		err = sdk.NewError(CodePagination)
	}
	return status, payload, err
}

// exchange sends one command and splits the reply; cut reports a reply of
// a full frame.
func (c *Client) exchange(ctx context.Context, command string) (status string, payload []byte, cut bool, err error) {
	resp, err := c.roundTrip(ctx, []byte(command))
	if err != nil {
		return "", nil, false, err
	}
	status, payload = splitStatus(resp)
	return status, payload, len(resp) >= socket.MaxFrameBytes, nil
}

// splitStatus splits "<status> <payload>".
func splitStatus(resp []byte) (string, []byte) {
	for i, b := range resp {
		if b == ' ' {
			return string(resp[:i]), resp[i+1:]
		}
	}
	return string(resp), nil
}

// roundTrip sends one frame and reads one back on a pooled connection. A
// failure on a connection that sat idle in the pool (the server may have
// closed it) is retried once on a fresh one.
func (c *Client) roundTrip(ctx context.Context, req []byte) ([]byte, error) {
	for attempt := 0; ; attempt++ {
		conn, reused, err := c.get(ctx)
		if err != nil {
			return nil, err
		}
		resp, err := conn.Request(ctx, req)
		c.put(conn)
		if err == nil {
			return resp, nil
		}
		if !reused || attempt > 0 || ctx.Err() != nil || !peerClosed(err) {
			return nil, err
		}
	}
}

// peerClosed reports errors meaning the server closed the connection.
func peerClosed(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET)
}

// get takes a connection slot and an idle connection or a new one.
func (c *Client) get(ctx context.Context) (*socket.StreamConn, bool, error) {
	if c.closed.Load() {
		return nil, false, ErrClosed
	}
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, false, fmt.Errorf("wdb: waiting for a connection: %w", ctx.Err())
	}
	select {
	case conn := <-c.idle:
		return conn, true, nil
	default:
	}
	conn, err := socket.Dial(ctx, c.path, c.opts.timeout)
	if err != nil {
		<-c.slots
		return nil, false, fmt.Errorf("%w: %w", sdk.NewError(CodeConnect, causeText(err)), err)
	}
	return conn, false, nil
}

// put returns a connection to the pool, or closes it when broken.
func (c *Client) put(conn *socket.StreamConn) {
	defer func() { <-c.slots }()
	if conn.Broken() || c.closed.Load() {
		_ = conn.Close()
		return
	}
	select {
	case c.idle <- conn:
	default:
		_ = conn.Close()
	}
}

// causeText is the innermost system error text ("connect: no such file or
// directory"), what Python prints as the extra message of 2005.
func causeText(err error) string {
	var se *os.SyscallError
	if errors.As(err, &se) {
		return se.Error()
	}
	return err.Error()
}

// Option configures a Client.
type Option func(*options)

type options struct {
	maxConns int
	timeout  time.Duration
	slice    int64
}

func defaultOptions() options {
	return options{maxConns: 8, timeout: socket.DefaultTimeout, slice: 500}
}

// WithMaxConns caps the open connections (default 8); requests beyond it
// wait for a free one.
func WithMaxConns(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.maxConns = n
		}
	}
}

// WithTimeout bounds dialing and each request/reply exchange (default 30s)
// unless the context ends sooner.
func WithTimeout(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.timeout = d
		}
	}
}

// WithRequestSlice sets the first page size of paged SELECTs (default 500,
// the framework's request_slice).
func WithRequestSlice(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.slice = int64(n)
		}
	}
}
