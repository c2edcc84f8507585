package pluginhost

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

// latinModule echoes what it received in its error message and response
// header, so that invalid UTF-8 in either direction reaches the wire.
type latinModule struct{}

func (latinModule) Describe() sdk.Descriptor {
	return sdk.Descriptor{Name: "latin", Routes: []sdk.Route{
		{ID: "latin.echo", Method: http.MethodGet, Path: "/latin/{id}"},
		{ID: "latin.fail", Method: http.MethodGet, Path: "/latin/fail"},
	}}
}

func (latinModule) Configure(context.Context, sdk.Host, sdk.Config) error { return nil }

func (latinModule) Handle(_ context.Context, req *sdk.Request) (*sdk.Response, error) {
	if req.RouteID == "latin.fail" {
		return nil, &sdk.Error{Code: 1000, HTTPStatus: 500, Message: "bad \xff byte"}
	}
	got := req.Path + "|" + req.PathParams["id"] + "|" + req.Query.Get("v") + "|" + req.Header.Get("User-Agent")
	return &sdk.Response{Header: http.Header{"X-Got": {got + "\xfe"}}, Body: []byte(got)}, nil
}

// Invalid UTF-8 anywhere in a request, a response header or an error
// message is replaced by U+FFFD on the wire. It used to fail to marshal,
// which ends the Exchange stream and every call in flight on it.
func TestInvalidUTF8DoesNotBreakTheExchange(t *testing.T) {
	c := serveMuxModule(t, latinModule{}, 0)
	ctx := context.Background()
	if _, err := c.Handle(ctx, &sdk.Request{RouteID: "latin.echo", Method: http.MethodGet}); err != nil {
		t.Fatal(err)
	}
	first := c.ex.current()
	bad := &sdk.Request{
		RouteID: "latin.echo", Method: http.MethodGet, Path: "/latin/a\xffb", PathParams: map[string]string{"id": "a\xffb"},
		Query: url.Values{"v": {"\xe9"}, "k\xff": {"x"}}, Header: http.Header{"User-Agent": {"ua\xff"}},
		Caller: sdk.Caller{Username: "u\xff"},
	}
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 20; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			resp, err := c.Handle(ctx, bad)
			if err == nil && string(resp.Body) != "/latin/a\ufffdb|a\ufffdb|\ufffd|ua\ufffd" {
				err = errors.New("body " + string(resp.Body))
			}
			if err == nil && resp.Header.Get("X-Got") != string(resp.Body)+"\ufffd" {
				err = errors.New("header " + resp.Header.Get("X-Got"))
			}
			errs <- err
		}()
		go func() {
			defer wg.Done()
			_, err := c.Handle(ctx, muxRequest("latin.fail", ""))
			var we *sdk.Error
			if !errors.As(err, &we) || we.Message != "bad \ufffd byte" {
				errs <- errors.New("fail route: " + errString(err))
				return
			}
			errs <- nil
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if c.ex.current() != first || first.broken() {
		t.Fatal("the Exchange stream broke")
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
