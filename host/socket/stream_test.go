package socket

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/wazuh-go/server/sdk"
)

// shortDir returns a temporary directory with a short path, since Unix
// socket paths are limited to 108 bytes.
func shortDir(t *testing.T) string {
	t.Helper()
	d, err := os.MkdirTemp("", "sk")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(d) })
	return d
}

// serve starts a listener whose connections are handled by h.
func serve(t *testing.T, h func(net.Conn)) string {
	t.Helper()
	path := filepath.Join(shortDir(t), "s")
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				h(c)
			}()
		}
	}()
	return path
}

func echo(c net.Conn) {
	for {
		b, err := ReadFrame(c, MaxFrameBytes)
		if err != nil {
			return
		}
		if WriteFrame(c, b) != nil {
			return
		}
	}
}

func wazuhCode(err error) int {
	var e *sdk.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

func TestDialMissingSocket(t *testing.T) {
	_, err := Dial(context.Background(), filepath.Join(shortDir(t), "none"), time.Second)
	if wazuhCode(err) != CodeConnect || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err = %v, want code %d wrapping ErrNotExist", err, CodeConnect)
	}
}

func TestDialRefused(t *testing.T) {
	path := filepath.Join(shortDir(t), "s")
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	ln.SetUnlinkOnClose(false)
	_ = ln.Close()
	_, err = Dial(context.Background(), path, time.Second)
	if wazuhCode(err) != CodeNotAvailable {
		t.Fatalf("err = %v, want code %d", err, CodeNotAvailable)
	}
}

func TestRequestRoundTrip(t *testing.T) {
	c, err := Dial(context.Background(), serve(t, echo), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, msg := range []string{"global sql SELECT 1", "x", string(bytes.Repeat([]byte("a"), MaxFrameBytes))} {
		got, err := c.Request(context.Background(), []byte(msg))
		if err != nil || string(got) != msg {
			t.Fatalf("Request(%d bytes) = %d bytes, %v", len(msg), len(got), err)
		}
	}
}

func TestRequestTooLong(t *testing.T) {
	c, err := Dial(context.Background(), serve(t, echo), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.Request(context.Background(), make([]byte, MaxFrameBytes+1))
	if wazuhCode(err) != CodeQueryTooLong || !errors.Is(err, ErrFrameTooLarge) {
		t.Fatalf("err = %v, want code %d", err, CodeQueryTooLong)
	}
	if c.Broken() {
		t.Fatal("an oversized request must not break the connection")
	}
	if got, err := c.Request(context.Background(), []byte("still ok")); err != nil || string(got) != "still ok" {
		t.Fatalf("after refusal: %q, %v", got, err)
	}
}

// TestReplyBoundary checks the 64 KiB limit on replies: a frame of exactly
// 65536 bytes is accepted, 65537 is refused without reading the body.
func TestReplyBoundary(t *testing.T) {
	path := serve(t, func(c net.Conn) {
		for {
			req, err := ReadFrame(c, MaxFrameBytes)
			if err != nil {
				return
			}
			n := int(binary.LittleEndian.Uint32(append(req, 0, 0, 0, 0)[:4]))
			var hdr [4]byte
			binary.LittleEndian.PutUint32(hdr[:], uint32(n))
			_, _ = c.Write(append(hdr[:], make([]byte, n)...))
		}
	})
	ask := func(n int) ([]byte, error, *StreamConn) {
		c, err := Dial(context.Background(), path, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		req := binary.LittleEndian.AppendUint32(nil, uint32(n))
		b, err := c.Request(context.Background(), req)
		return b, err, c
	}
	b, err, c := ask(MaxFrameBytes)
	if err != nil || len(b) != MaxFrameBytes {
		t.Fatalf("65536-byte reply: %d bytes, %v", len(b), err)
	}
	c.Close()
	_, err, c = ask(MaxFrameBytes + 1)
	defer c.Close()
	if wazuhCode(err) != CodeCommunicate || !errors.Is(err, ErrFrameTooLarge) {
		t.Fatalf("65537-byte reply: err = %v, want code %d and ErrFrameTooLarge", err, CodeCommunicate)
	}
	if !c.Broken() {
		t.Fatal("connection must be broken after an oversized reply")
	}
}

func TestRequestContextDeadline(t *testing.T) {
	path := serve(t, func(c net.Conn) { _, _ = io.Copy(io.Discard, c) }) // never answers
	c, err := Dial(context.Background(), path, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.Request(ctx, []byte("hello"))
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
	if wazuhCode(err) != CodeCommunicate || !c.Broken() {
		t.Fatalf("err = %v broken=%v, want code %d and a broken connection", err, c.Broken(), CodeCommunicate)
	}
}

func TestRequestContextCancel(t *testing.T) {
	path := serve(t, func(c net.Conn) { _, _ = io.Copy(io.Discard, c) })
	c, err := Dial(context.Background(), path, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err = c.Request(ctx, []byte("hello"))
	if !errors.Is(err, context.Canceled) || !c.Broken() {
		t.Fatalf("err = %v broken=%v", err, c.Broken())
	}
}

func TestPeerClosesMidFrame(t *testing.T) {
	path := serve(t, func(c net.Conn) {
		_, _ = ReadFrame(c, MaxFrameBytes)
		_, _ = c.Write([]byte{10, 0, 0, 0, 'o', 'k'}) // header says 10, sends 2
	})
	c, err := Dial(context.Background(), path, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.Request(context.Background(), []byte("q"))
	if !errors.Is(err, io.ErrUnexpectedEOF) || wazuhCode(err) != CodeCommunicate {
		t.Fatalf("err = %v", err)
	}
}

func TestProbe(t *testing.T) {
	if !Probe(serve(t, echo), time.Second) {
		t.Fatal("Probe of a served socket = false")
	}
	if Probe(filepath.Join(shortDir(t), "none"), time.Second) {
		t.Fatal("Probe of a missing socket = true")
	}
}
