package bench

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// requestTimeout bounds one request when its context has no deadline.
const requestTimeout = 60 * time.Second

// inlineTransport is an HTTP/1.1 keep-alive http.RoundTripper that does
// all of a request's work on the caller's goroutine: it writes the request
// and parses the response on a pooled TLS connection. net/http's Transport
// hands every request to a write goroutine and its response to a read
// goroutine; on this 2-core machine those hand-offs made the load driver
// use about a third of a core that the server under test then lacked. Like
// wrk, this driver spends its CPU on TLS and parsing only.
type inlineTransport struct {
	tlsConfig *tls.Config

	mu   sync.Mutex
	idle map[string][]*inlineConn
}

// inlineConn is one keep-alive connection.
type inlineConn struct {
	conn net.Conn
	br   *bufio.Reader
	bw   *bufio.Writer
}

func newInlineTransport() *inlineTransport {
	return &inlineTransport{
		tlsConfig: &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // the embedded default is self-signed
		idle:      map[string][]*inlineConn{},
	}
}

// RoundTrip sends req and returns its response; the connection goes back
// to the pool when the body has been read to the end and closed.
func (t *inlineTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, addr := req.Context(), req.URL.Host
	c, err := t.get(ctx, req.URL.Scheme, addr)
	if err != nil {
		return nil, contextFirst(ctx, err)
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(requestTimeout)
	}
	_ = c.conn.SetDeadline(deadline)
	if err := writeRequest(c.bw, req); err != nil {
		c.conn.Close()
		return nil, contextFirst(ctx, fmt.Errorf("bench: write request: %w", err))
	}
	resp, err := http.ReadResponse(c.br, req)
	if err != nil {
		c.conn.Close()
		return nil, contextFirst(ctx, fmt.Errorf("bench: read response: %w", err))
	}
	resp.Body = &inlineBody{ReadCloser: resp.Body, t: t, addr: addr, c: c, reuse: !resp.Close}
	return resp, nil
}

// contextFirst reports a request that failed at or after its context's
// deadline as the context's error, once the context says so (its timer may
// fire a moment after the connection's): a run's end is not a failure.
func contextFirst(ctx context.Context, err error) error {
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		<-ctx.Done()
		return fmt.Errorf("%w (%w)", ctx.Err(), err)
	}
	return err
}

// CloseIdleConnections closes the pooled connections.
func (t *inlineTransport) CloseIdleConnections() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for addr, conns := range t.idle {
		for _, c := range conns {
			c.conn.Close()
		}
		delete(t.idle, addr)
	}
}

func (t *inlineTransport) get(ctx context.Context, scheme, addr string) (*inlineConn, error) {
	t.mu.Lock()
	if conns := t.idle[addr]; len(conns) > 0 {
		c := conns[len(conns)-1]
		t.idle[addr] = conns[:len(conns)-1]
		t.mu.Unlock()
		return c, nil
	}
	t.mu.Unlock()
	d := &net.Dialer{Timeout: 10 * time.Second}
	var conn net.Conn
	var err error
	if scheme == "https" {
		conn, err = (&tls.Dialer{NetDialer: d, Config: t.tlsConfig}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return nil, fmt.Errorf("bench: dial %s: %w", addr, err)
	}
	return &inlineConn{conn: conn, br: bufio.NewReaderSize(conn, 32<<10), bw: bufio.NewWriterSize(conn, 4<<10)}, nil
}

func (t *inlineTransport) put(addr string, c *inlineConn) {
	t.mu.Lock()
	t.idle[addr] = append(t.idle[addr], c)
	t.mu.Unlock()
}

// writeRequest writes req in HTTP/1.1 form: request line, Host, the
// request's headers, Content-Length and the body.
func writeRequest(w *bufio.Writer, req *http.Request) error {
	w.WriteString(req.Method)
	w.WriteByte(' ')
	w.WriteString(req.URL.RequestURI())
	w.WriteString(" HTTP/1.1\r\nHost: ")
	w.WriteString(req.URL.Host)
	w.WriteString("\r\n")
	for k, vs := range req.Header {
		for _, v := range vs {
			w.WriteString(k)
			w.WriteString(": ")
			w.WriteString(v)
			w.WriteString("\r\n")
		}
	}
	var body []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return fmt.Errorf("read body: %w", err)
		}
		body = b
	}
	if len(body) > 0 || req.Method == http.MethodPost || req.Method == http.MethodPut {
		w.WriteString("Content-Length: ")
		w.WriteString(strconv.Itoa(len(body)))
		w.WriteString("\r\n")
	}
	w.WriteString("\r\n")
	w.Write(body)
	return w.Flush()
}

// inlineBody returns its connection to the pool once the response body
// has been read to its end.
type inlineBody struct {
	io.ReadCloser
	t     *inlineTransport
	addr  string
	c     *inlineConn
	reuse bool
	eof   bool
	done  bool
}

func (b *inlineBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if errors.Is(err, io.EOF) {
		b.eof = true
	}
	return n, err
}

func (b *inlineBody) Close() error {
	if b.done {
		return nil
	}
	b.done = true
	err := b.ReadCloser.Close()
	if b.eof && b.reuse && b.c.br.Buffered() == 0 {
		b.t.put(b.addr, b.c)
	} else {
		b.c.conn.Close()
	}
	return err
}
