package bench

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestInlineTransportKeepAlive checks that responses with a length, chunked
// responses and request bodies all work, and that they share one
// connection, while a response that closes its connection is not reused.
func TestInlineTransportKeepAlive(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/chunked":
			w.Write([]byte("part one, "))
			w.(http.Flusher).Flush()
			w.Write([]byte("part two"))
		case "/echo":
			b, _ := io.ReadAll(r.Body)
			w.Header().Set("X-Auth", r.Header.Get("Authorization"))
			w.Write(b)
		case "/close":
			w.Header().Set("Connection", "close")
			w.Write([]byte("bye"))
		default:
			w.Write([]byte("plain " + r.URL.RawQuery))
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.StartTLS()
	defer srv.Close()
	client := Client(1)
	get := func(method, path, body string) (string, http.Header) {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer abc")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s %s: status %d, %v", method, path, resp.StatusCode, err)
		}
		return string(b), resp.Header
	}
	if got, _ := get(http.MethodGet, "/plain?limit=20", ""); got != "plain limit=20" {
		t.Errorf("plain body = %q", got)
	}
	if got, _ := get(http.MethodGet, "/chunked", ""); got != "part one, part two" {
		t.Errorf("chunked body = %q", got)
	}
	if got, h := get(http.MethodPost, "/echo", `{"a":1}`); got != `{"a":1}` || h.Get("X-Auth") != "Bearer abc" {
		t.Errorf("echo = %q, %q", got, h.Get("X-Auth"))
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("keep-alive requests used %d connections, want 1", n)
	}
	get(http.MethodGet, "/close", "")
	get(http.MethodGet, "/plain", "")
	if n := conns.Load(); n != 2 {
		t.Errorf("after Connection: close, %d connections, want 2", n)
	}
}

// TestInlineTransportRunEnd checks that a request cut by its context's
// deadline reports the context's error, so a run's end is not counted as a
// failure.
func TestInlineTransportRunEnd(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
	}))
	defer srv.Close()
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	_, err := Client(1).Do(req)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the context's deadline", err)
	}
}
