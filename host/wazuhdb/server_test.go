package wazuhdb

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wazuh-go/server/host/socket"
)

func TestServeCreatesLayout(t *testing.T) {
	root := newRoot(t)
	s := startServer(t, root)
	for _, p := range []string{"queue/db/wdb", "queue/db/global.db", "queue/tasks/tasks.db", "var/db/mitre.db"} {
		if _, err := os.Stat(filepath.Join(root, p)); err != nil {
			t.Errorf("missing %s: %v", p, err)
		}
	}
	if got := mustOK(t, s, "global sql SELECT value FROM metadata WHERE key = 'db_version'"); got != `[{"value":"7"}]` {
		t.Errorf("db_version = %s", got)
	}
	got := mustOK(t, s, "global sql SELECT id, name, ip, register_ip, `group`, last_keepalive, connection_status FROM agent")
	want := `[{"id":0,"name":"localhost","ip":"127.0.0.1","register_ip":"127.0.0.1","last_keepalive":253402300799,"connection_status":"active"}]`
	if got != want {
		t.Errorf("manager row = %s\nwant %s", got, want)
	}
}

func TestFrames(t *testing.T) {
	s := startServer(t, newRoot(t))
	c := dialRaw(t, s)

	c.frame("global sql SELECT 1 AS one")
	if r, err := c.read(); err != nil || r != `ok [{"one":1}]` {
		t.Fatalf("reply %q, %v", r, err)
	}
	c.frame("global sql SELECT 2 AS two\n")
	if r, _ := c.read(); r != "ok [{\"two\":2}]\n" {
		t.Fatalf("trailing newline: reply %q", r)
	}
	c.send([]byte{0, 0, 0, 0}) // zero-length frame: answered, stream stays in sync
	if r, _ := c.read(); !strings.HasPrefix(r, "err ") {
		t.Fatalf("empty frame: reply %q", r)
	}
	c.frame("\xde\xad\xbe\xef garbage")
	if r, _ := c.read(); r != "err Invalid DB query actor: '\xde\xad\xbe\xef'" {
		t.Fatalf("garbage: reply %q", r)
	}
	c.frame("global sql SELECT 3 AS three")
	if r, _ := c.read(); r != `ok [{"three":3}]` {
		t.Fatalf("after errors: reply %q", r)
	}
}

func TestOversizedHeaderClosesConnection(t *testing.T) {
	s := startServer(t, newRoot(t))
	c := dialRaw(t, s)
	c.send(binary.LittleEndian.AppendUint32(nil, socket.MaxFrameBytes+1))
	if r, err := c.read(); err != nil || !strings.HasPrefix(r, "err ") {
		t.Fatalf("reply %q, %v", r, err)
	}
	if _, err := c.read(); !errors.Is(err, io.EOF) {
		t.Fatalf("connection still open: %v", err)
	}
	mustOK(t, s, "global sql SELECT 1") // the server is fine
}

func TestRequestOf64KiB(t *testing.T) {
	s := startServer(t, newRoot(t))
	c := dialRaw(t, s)
	head := "global sql SELECT 1 AS x --"
	c.frame(head + strings.Repeat("p", socket.MaxFrameBytes-len(head)))
	if r, err := c.read(); err != nil || r != `ok [{"x":1}]` {
		t.Fatalf("65536-byte request: %q, %v", r, err)
	}
	c.send(binary.LittleEndian.AppendUint32(nil, socket.MaxFrameBytes+1))
	// The server may already have answered and closed: ignore EPIPE.
	_, _ = c.Write([]byte(strings.Repeat("q", 100)))
	if r, _ := c.read(); !strings.HasPrefix(r, "err ") {
		t.Fatalf("65537-byte request: reply %q", r)
	}
}

func TestTruncatedBodyEndsConnection(t *testing.T) {
	s := startServer(t, newRoot(t), WithIOTimeout(300*time.Millisecond))
	c := dialRaw(t, s)
	c.send(append(binary.LittleEndian.AppendUint32(nil, 100), "global sql"...))
	_ = c.Conn.(*net.UnixConn).CloseWrite()
	if _, err := c.read(); !errors.Is(err, io.EOF) {
		t.Fatalf("after a truncated body: %v, want EOF", err)
	}
	// A peer that stalls in the middle of a frame is dropped after the
	// I/O timeout instead of pinning the connection.
	c2 := dialRaw(t, s)
	c2.send(append(binary.LittleEndian.AppendUint32(nil, 100), "global"...))
	start := time.Now()
	if _, err := c2.read(); !errors.Is(err, io.EOF) || time.Since(start) > 4*time.Second {
		t.Fatalf("stalled body: %v after %v", err, time.Since(start))
	}
}

// TestReplyBoundary checks the 64 KiB rule on replies: a reply of exactly
// 65536 bytes is sent whole; a longer one is cut at 65536 bytes as wazuh-db
// cuts it.
func TestReplyBoundary(t *testing.T) {
	s := startServer(t, newRoot(t))
	c := dialRaw(t, s)
	overhead := len(`ok [{"a":""}]`)
	for _, size := range []int{socket.MaxFrameBytes, socket.MaxFrameBytes + 1} {
		c.frame("global sql SELECT printf('%." + itoa(size-overhead) + "c', 'x') AS a")
		r, err := c.read()
		if err != nil || len(r) != socket.MaxFrameBytes {
			t.Fatalf("size %d: reply of %d bytes, %v", size, len(r), err)
		}
		if complete := strings.HasSuffix(r, `"}]`); complete != (size == socket.MaxFrameBytes) {
			t.Fatalf("size %d: complete=%v", size, complete)
		}
	}
}

func TestConcurrentConnections(t *testing.T) {
	s := startServer(t, newRoot(t))
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := socket.Dial(context.Background(), s.SocketPath(), 5*time.Second)
			if err != nil {
				errs <- err
				return
			}
			defer c.Close()
			for j := range 40 {
				want := `ok [{"v":` + itoa(i*1000+j) + `}]`
				got, err := c.Request(context.Background(), []byte("global sql SELECT "+itoa(i*1000+j)+" AS v"))
				if err != nil || string(got) != want {
					errs <- errors.New(string(got))
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestStaleSocketAndSocketInUse(t *testing.T) {
	root := newRoot(t)
	path := filepath.Join(root, socketPath)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	ln.SetUnlinkOnClose(false)
	_ = ln.Close() // leaves a stale socket file behind
	s := startServer(t, root)
	mustOK(t, s, "global sql SELECT 1")
	if _, err := Start(context.Background(), root); err == nil {
		t.Fatal("a second server on the same socket started")
	}
}

func TestMaxConnections(t *testing.T) {
	s := startServer(t, newRoot(t), WithMaxConnections(1))
	c1 := dialRaw(t, s)
	c1.frame("global sql SELECT 1")
	if _, err := c1.read(); err != nil {
		t.Fatal(err)
	}
	c2 := dialRaw(t, s)
	// The server may already have closed c2: ignore EPIPE.
	_, _ = c2.Write(binary.LittleEndian.AppendUint32(nil, uint32(len("global sql SELECT 1"))))
	_, _ = c2.Write([]byte("global sql SELECT 1"))
	if _, err := c2.read(); err == nil {
		t.Fatal("connection over the limit was served")
	}
}

func TestShutdownOnContext(t *testing.T) {
	root := newRoot(t)
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	c := dialRaw(t, s) // an idle client must not block shutdown
	cancel()
	select {
	case <-s.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("server did not stop")
	}
	if _, err := c.read(); err == nil {
		t.Fatal("client connection survived shutdown")
	}
	if _, err := os.Stat(s.SocketPath()); !os.IsNotExist(err) {
		t.Fatalf("socket left behind: %v", err)
	}
}

func itoa(n int) string { return string(appendInt64(nil, int64(n))) }
