package wazuhdb

import (
	"context"
	"encoding/binary"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/wazuh-go/server/host/socket"
)

// newRoot returns an empty Wazuh root with a short path (Unix socket paths
// are limited to 108 bytes).
func newRoot(t testing.TB) string {
	t.Helper()
	d, err := os.MkdirTemp("", "wdb")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(d) })
	return d
}

// startServer serves root until the test ends.
func startServer(t testing.TB, root string, opts ...Option) *Server {
	t.Helper()
	s, err := Start(context.Background(), root, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// query runs one request in-process and returns the reply text.
func query(t testing.TB, s *Server, req string) string {
	t.Helper()
	return string(s.Query(context.Background(), req))
}

// mustOK runs req and fails unless the reply starts with "ok".
func mustOK(t testing.TB, s *Server, req string) string {
	t.Helper()
	r := query(t, s, req)
	if r != "ok" && !strings.HasPrefix(r, "ok ") {
		t.Fatalf("%s\n -> %s", req, r)
	}
	return strings.TrimPrefix(strings.TrimPrefix(r, "ok"), " ")
}

// testConn is a socket connection for sending hand-made bytes.
type testConn struct {
	t testing.TB
	net.Conn
}

func dialRaw(t testing.TB, s *Server) *testConn {
	t.Helper()
	c, err := net.Dial("unix", s.SocketPath())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return &testConn{t: t, Conn: c}
}

// send writes raw bytes.
func (c *testConn) send(b []byte) {
	c.t.Helper()
	_ = c.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Write(b); err != nil {
		c.t.Fatal(err)
	}
}

// frame writes one well-formed frame.
func (c *testConn) frame(payload string) {
	c.t.Helper()
	c.send(append(binary.LittleEndian.AppendUint32(nil, uint32(len(payload))), payload...))
}

// read reads one reply frame with a deadline.
func (c *testConn) read() (string, error) {
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	b, err := socket.ReadFrame(c, socket.MaxFrameBytes)
	return string(b), err
}
