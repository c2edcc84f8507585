package wdb

import (
	"context"
	"errors"
	"fmt"
	"io"
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
	pool   connPool
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
		slots: make(chan struct{}, o.maxConns),
	}
}

// Path returns the socket path.
func (c *Client) Path() string { return c.path }

// Close closes idle connections; connections in use close when returned.
func (c *Client) Close() error {
	c.closed.Store(true)
	for _, conn := range c.pool.drain() {
		_ = conn.Close()
		c.pool.closed()
	}
	return nil
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
	status, payload, cut, err := c.exchange(ctx, command, nil)
	if err == nil && cut {
		err = sdk.NewError(CodePagination)
	}
	return status, payload, err
}

// exchange sends one command and splits the reply; cut reports a reply of
// a full frame. With a pin, the command goes to the pinned connection when
// it is still parked, and the connection is parked again afterwards.
func (c *Client) exchange(ctx context.Context, command string, pn *pin) (status string, payload []byte, cut bool, err error) {
	resp, err := c.roundTrip(ctx, []byte(command), pn)
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

// pin follows the connection of a paged statement from page to page, and
// remembers the last reply and who may recycle it.
type pin struct {
	conn Conn
	last []byte
	rec  Recycler
}

// recycle hands the last reply back to its connection's pool, if it has
// one; nothing may refer to the reply any more.
func (pn *pin) recycle() {
	if pn.rec != nil && pn.last != nil {
		pn.rec.Recycle(pn.last)
	}
	pn.last, pn.rec = nil, nil
}

// release hands the pinned connection back to the free list.
func (c *Client) release(pn *pin) {
	if pn.conn != nil {
		c.pool.unpark(pn.conn)
		pn.conn = nil
	}
}

// roundTrip sends one frame and reads one back on a pooled connection. A
// failure on a connection that sat idle in the pool (the server may have
// closed it) is retried once on a newly dialed one: after a wazuh-db
// restart every idle connection is stale, and retrying on the next idle one
// would fail the request again.
func (c *Client) roundTrip(ctx context.Context, req []byte, pn *pin) ([]byte, error) {
	for attempt := 0; ; attempt++ {
		var prefer Conn
		if pn != nil {
			prefer, pn.conn = pn.conn, nil
		}
		conn, reused, err := c.get(ctx, prefer, attempt > 0)
		if err != nil {
			return nil, err
		}
		resp, err := conn.Request(ctx, req)
		park := pn != nil && err == nil
		if park {
			pn.last = resp
			pn.rec, _ = conn.(Recycler)
		}
		c.put(conn, park)
		if park {
			pn.conn = conn
		}
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

// causeText is the extra message of 2005: Python passes the OSError of
// connect(), whose text is "[Errno 2] No such file or directory" (errno
// and strerror). Other failures keep Go's text.
func causeText(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) && errno != 0 {
		msg := errno.Error()
		if msg != "" && msg[0] >= 'a' && msg[0] <= 'z' {
			msg = string(msg[0]-'a'+'A') + msg[1:]
		}
		return fmt.Sprintf("[Errno %d] %s", int(errno), msg)
	}
	return err.Error()
}

// Option configures a Client.
type Option func(*options)

type options struct {
	maxConns int
	timeout  time.Duration
	slice    int64
	dialer   Dialer
}

func defaultOptions() options {
	return options{maxConns: 8, timeout: socket.DefaultTimeout, slice: 500}
}

// WithMaxConns caps the connections in use at once (default 8); requests
// beyond it wait for a free one. As many more may stay open, parked between
// the pages of a statement (see connPool).
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
