package pluginhost_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// waitingModule reports whether its handler saw a deadline, and with
// ?wait=1 blocks until its context ends.
type waitingModule struct{ cancelled chan error }

func (waitingModule) Describe() sdk.Descriptor {
	return sdk.Descriptor{Name: "waiting", Routes: []sdk.Route{{ID: "waiting.get", Method: http.MethodGet, Path: "/waiting"}}}
}

func (waitingModule) Configure(context.Context, sdk.Host, sdk.Config) error { return nil }

func (m waitingModule) Handle(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	if req.Query.Get("wait") == "1" {
		<-ctx.Done()
		m.cancelled <- ctx.Err()
		return nil, ctx.Err()
	}
	_, has := ctx.Deadline()
	if has {
		return &sdk.Response{Body: []byte("deadline")}, nil
	}
	return &sdk.Response{Body: []byte("none")}, nil
}

func TestCallsHideTheDeadlineButKeepCancellation(t *testing.T) {
	mod := waitingModule{cancelled: make(chan error, 1)}
	c := sdktest.Serve(t, mod, nil, nil)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	resp, err := c.Handle(ctx, sdktest.NewRequest(mod.Describe(), "waiting.get", "", nil))
	if err != nil || string(resp.Body) != "none" {
		t.Fatalf("got %v %s: the deadline must not cross the boundary", err, resp.Body)
	}

	short, stop := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer stop()
	_, err = c.Handle(short, sdktest.NewRequest(mod.Describe(), "waiting.get", "wait=1", nil))
	if err == nil || !errors.Is(short.Err(), context.DeadlineExceeded) {
		t.Fatalf("the call must fail when the caller's deadline passes: %v", err)
	}
	select {
	case got := <-mod.cancelled:
		if !errors.Is(got, context.Canceled) {
			t.Fatalf("module context ended with %v", got)
		}
	case <-time.After(10 * time.Second): // hang detection only
		t.Fatal("the module's context was never cancelled after the caller's deadline")
	}
}
