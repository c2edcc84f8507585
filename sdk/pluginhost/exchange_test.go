package pluginhost

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	goplugin "github.com/hashicorp/go-plugin"

	"github.com/wazuh-go/server/sdk"
)

// muxModule serves the routes the Exchange tests need: "echo" answers its
// query at once; "big" streams n bytes, blocking on ctx between writes and
// reporting how its body writer ended on ended; "panic" panics.
type muxModule struct{ ended chan error }

func (muxModule) Describe() sdk.Descriptor {
	return sdk.Descriptor{Name: "mux", Routes: []sdk.Route{
		{ID: "mux.echo", Method: http.MethodGet, Path: "/mux/echo"},
		{ID: "mux.big", Method: http.MethodGet, Path: "/mux/big", Stream: true},
		{ID: "mux.panic", Method: http.MethodGet, Path: "/mux/panic"},
		{ID: "mux.bodypanic", Method: http.MethodGet, Path: "/mux/bodypanic", Stream: true},
	}}
}

func (muxModule) Configure(context.Context, sdk.Host, sdk.Config) error { return nil }

func (m muxModule) Handle(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	switch req.RouteID {
	case "mux.echo":
		return &sdk.Response{Status: http.StatusCreated, Header: http.Header{"X-Echo": {req.Query.Get("v")}}, Body: []byte("echo " + req.Query.Get("v"))}, nil
	case "mux.panic":
		panic("boom")
	case "mux.bodypanic":
		return &sdk.Response{BodyWriter: func(w io.Writer) error {
			if _, err := w.Write(bytes.Repeat([]byte("x"), 2*ChunkBytes)); err != nil {
				return err
			}
			panic("boom in the body")
		}}, nil
	}
	n, _ := strconv.Atoi(req.Query.Get("n"))
	return &sdk.Response{BodyWriter: func(w io.Writer) error {
		var err error
		for i := 0; i < n && err == nil; i += 1000 {
			_, err = w.Write(bigBlock(i, min(1000, n-i)))
		}
		if m.ended != nil {
			m.ended <- err
		}
		return err
	}}, nil
}

// bigBlock is the content of "big" at offset i.
func bigBlock(i, n int) []byte { return bytes.Repeat([]byte{'a' + byte(i/1000%26)}, n) }

// serveMuxModule serves mod over in-process gRPC and returns the host's
// client; minor, when not 0, replaces the module's protocol minor.
func serveMuxModule(t *testing.T, mod sdk.Module, minor int32) *Client {
	t.Helper()
	c := dispenseClient(t, mod)
	if _, err := c.Describe(context.Background()); err != nil {
		t.Fatal(err)
	}
	if minor != 0 {
		c.ex.setMinor(minor)
	}
	if err := c.Configure(context.Background(), ConfigureOptions{NodeName: "node01"}); err != nil {
		t.Fatal(err)
	}
	return c
}

// dispenseClient serves mod over in-process gRPC and returns the host's
// client, neither described nor configured.
func dispenseClient(t *testing.T, mod sdk.Module) *Client {
	t.Helper()
	conn, _ := goplugin.TestPluginGRPCConn(t, false, map[string]goplugin.Plugin{PluginName: &ModulePlugin{Impl: mod}})
	t.Cleanup(func() { _ = conn.Close() })
	raw, err := conn.Dispense(PluginName)
	if err != nil {
		t.Fatal(err)
	}
	return raw.(*Client)
}

func muxRequest(route, query string) *sdk.Request {
	q, _ := url.ParseQuery(query)
	return &sdk.Request{RouteID: route, Method: http.MethodGet, Query: q}
}

// gateWriter blocks its first Write until open is closed.
type gateWriter struct {
	open chan struct{}
	bytes.Buffer
}

func (g *gateWriter) Write(p []byte) (int, error) {
	<-g.open
	return g.Buffer.Write(p)
}

// TestExchangeSlowReaderDoesNotBlockOtherCalls holds a large streamed body
// unread while 64 other calls run on the same stream: each call's credit
// keeps the module from filling the stream with the held body.
func TestExchangeSlowReaderDoesNotBlockOtherCalls(t *testing.T) {
	c := serveMuxModule(t, muxModule{}, 0)
	const n = 12*ChunkBytes + 777
	slow := &gateWriter{open: make(chan struct{})}
	bigDone := make(chan error, 1)
	go func() {
		bigDone <- c.HandleStream(context.Background(), muxRequest("mux.big", "n="+strconv.Itoa(n)), func(int, http.Header) {}, slow)
	}()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := strconv.Itoa(i)
			resp, err := c.Handle(context.Background(), muxRequest("mux.echo", "v="+v))
			switch {
			case err != nil:
				errs <- err
			case resp.Status != http.StatusCreated || string(resp.Body) != "echo "+v || resp.Header.Get("X-Echo") != v:
				errs <- fmt.Errorf("call %s got %d %q %v", v, resp.Status, resp.Body, resp.Header)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if c.ex.current() == nil {
		t.Fatal("the calls did not use the Exchange stream")
	}
	close(slow.open)
	if err := <-bigDone; err != nil {
		t.Fatal(err)
	}
	body := slow.Bytes()
	if len(body) != n {
		t.Fatalf("big body has %d bytes, want %d", len(body), n)
	}
	for i := 0; i < n; i += 1000 {
		if !bytes.Equal(body[i:min(i+1000, n)], bigBlock(i, min(1000, n-i))) {
			t.Fatalf("big body differs at %d", i)
		}
	}
}

// failingWriter fails every Write, as an HTTP client gone away does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("client gone") }

// TestExchangeAbandonedCallStopsTheModule checks that a call whose reader
// fails is cancelled in the module (its body writer stops instead of
// producing the rest), and that the stream serves the next call.
func TestExchangeAbandonedCallStopsTheModule(t *testing.T) {
	mod := muxModule{ended: make(chan error, 1)}
	c := serveMuxModule(t, mod, 0)
	err := c.HandleStream(context.Background(), muxRequest("mux.big", "n="+strconv.Itoa(64*ChunkBytes)), func(int, http.Header) {}, failingWriter{})
	if err == nil {
		t.Fatal("a failed body write must fail the call")
	}
	select {
	case got := <-mod.ended:
		if got == nil {
			t.Fatal("the module wrote the whole body of an abandoned call")
		}
	case <-time.After(10 * time.Second): // hang detection only
		t.Fatal("the module's body writer never stopped")
	}
	resp, err := c.Handle(context.Background(), muxRequest("mux.echo", "v=after"))
	if err != nil || string(resp.Body) != "echo after" {
		t.Fatalf("next call: %v %q", err, resp.Body)
	}
}

// TestExchangePanicAnswersAnError checks that a handler's panic, or its
// body writer's, fails that call only and leaves the module serving.
func TestExchangePanicAnswersAnError(t *testing.T) {
	c := serveMuxModule(t, muxModule{}, 0)
	if _, err := c.Handle(context.Background(), muxRequest("mux.panic", "")); err == nil {
		t.Fatal("a panicking route must answer an error")
	}
	var body bytes.Buffer
	if err := c.HandleStream(context.Background(), muxRequest("mux.bodypanic", ""), func(int, http.Header) {}, &body); err == nil {
		t.Fatal("a body writer's panic must cut the response short with an error")
	}
	resp, err := c.Handle(context.Background(), muxRequest("mux.echo", "v=1"))
	if err != nil || string(resp.Body) != "echo 1" {
		t.Fatalf("next call: %v %q", err, resp.Body)
	}
}

// TestExchangeReopensAfterTheStreamBreaks closes the stream under a call in
// progress: the call fails, and the next call opens a new stream.
func TestExchangeReopensAfterTheStreamBreaks(t *testing.T) {
	c := serveMuxModule(t, muxModule{}, 0)
	slow := &gateWriter{open: make(chan struct{})}
	done := make(chan error, 1)
	go func() {
		done <- c.HandleStream(context.Background(), muxRequest("mux.big", "n="+strconv.Itoa(8*ChunkBytes)), func(int, http.Header) {}, slow)
	}()
	for c.ex.current() == nil {
		time.Sleep(time.Millisecond)
	}
	first := c.ex.current()
	first.close()
	close(slow.open)
	if err := <-done; err == nil {
		t.Fatal("a call cut by its stream's end must fail")
	}
	resp, err := c.Handle(context.Background(), muxRequest("mux.echo", "v=2"))
	if err != nil || string(resp.Body) != "echo 2" {
		t.Fatalf("call after the break: %v %q", err, resp.Body)
	}
	if c.ex.current() == first {
		t.Fatal("the broken stream was reused")
	}
}

// TestOlderModulesUseHandleAndHandleStream checks the fallback for modules
// before protocol minor 4.
func TestOlderModulesUseHandleAndHandleStream(t *testing.T) {
	c := serveMuxModule(t, muxModule{}, 3)
	resp, err := c.Handle(context.Background(), muxRequest("mux.echo", "v=old"))
	if err != nil || resp.Status != http.StatusCreated || string(resp.Body) != "echo old" {
		t.Fatalf("Handle: %v %+v", err, resp)
	}
	var body bytes.Buffer
	if err := c.HandleStream(context.Background(), muxRequest("mux.big", "n=3000000"), func(int, http.Header) {}, &body); err != nil || body.Len() != 3000000 {
		t.Fatalf("HandleStream: %v, %d bytes", err, body.Len())
	}
	if c.ex.current() != nil {
		t.Fatal("an Exchange stream was opened to a module before minor 4")
	}
}
