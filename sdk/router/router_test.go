package router

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

var desc = sdk.Descriptor{Name: "t", Routes: []sdk.Route{
	{ID: "t.get", Method: http.MethodGet, Path: "/t"},
	{ID: "t.put", Method: http.MethodPut, Path: "/t"},
}}

func ok(context.Context, *sdk.Request) (*sdk.Response, error) {
	return &sdk.Response{Status: http.StatusOK}, nil
}

func TestServeDispatchesAndReportsMissingRoutes(t *testing.T) {
	r := New(desc).Handle("t.get", ok)
	if resp, err := r.Serve(context.Background(), &sdk.Request{RouteID: "t.get"}); err != nil || resp.Status != 200 {
		t.Fatalf("dispatch: %v %v", resp, err)
	}
	var we *sdk.Error
	if _, err := r.Serve(context.Background(), &sdk.Request{RouteID: "t.put"}); !errors.As(err, &we) || we.Status() != 501 {
		t.Fatalf("declared route without handler: %v", err)
	}
	if _, err := r.Serve(context.Background(), &sdk.Request{RouteID: "nope"}); !errors.As(err, &we) || we.Status() != 404 || we.Message != "404: Not Found" {
		t.Fatalf("unknown route: %v", err)
	}
	if err := r.Validate(); !errors.Is(err, ErrMissingHandler) {
		t.Fatalf("Validate must report t.put: %v", err)
	}
	if err := r.Handle("t.put", ok).Validate(); err != nil {
		t.Fatalf("complete router: %v", err)
	}
}

func TestHandlePanicsOnProgrammingErrors(t *testing.T) {
	for name, f := range map[string]func(){
		"undeclared": func() { New(desc).Handle("t.other", ok) },
		"duplicate":  func() { New(desc).Handle("t.get", ok).Handle("t.get", ok) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("expected a panic")
				}
			}()
			f()
		})
	}
}
