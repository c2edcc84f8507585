package main

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

func TestHelloGreetsCallerDirect(t *testing.T) {
	mod := New()
	c := sdktest.Direct(t, mod, sdktest.NewFakeHost(t, sdk.Capabilities{}), nil)
	resp, err := c.Handle(context.Background(), sdktest.NewRequest(mod.Describe(), "example.get_hello", "", nil))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(resp.Body), `{"data": {"message": "Hello, wazuh"}, "error": 0}`; got != want {
		t.Fatalf("got %s want %s", got, want)
	}
}

func TestHelloThroughGRPCGlueUsesSettings(t *testing.T) {
	mod := New()
	c := sdktest.Serve(t, mod, sdktest.NewFakeHost(t, sdk.Capabilities{}), json.RawMessage(`{"greeting":"Hi"}`))
	resp, err := c.Handle(context.Background(), sdktest.NewRequest(mod.Describe(), "example.get_hello", "name=ana", nil))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(resp.Body), `{"data": {"message": "Hi, ana"}, "error": 0}`; got != want {
		t.Fatalf("got %s want %s", got, want)
	}
}

func TestUnknownRouteIsWazuhNotFound(t *testing.T) {
	mod := New()
	c := sdktest.Serve(t, mod, sdktest.NewFakeHost(t, sdk.Capabilities{}), nil)
	_, err := c.Handle(context.Background(), &sdk.Request{RouteID: "example.nope"})
	var we *sdk.Error
	if !errors.As(err, &we) || we.Status() != 404 || we.Message != "404: Not Found" {
		t.Fatalf("err %v", err)
	}
}

func TestRouterCoversDescriptor(t *testing.T) {
	if err := New().router.Validate(); err != nil {
		t.Fatal(err)
	}
}
