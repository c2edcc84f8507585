package main

import (
	"context"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// BenchmarkHandleDirect is the module's own cost per request.
func BenchmarkHandleDirect(b *testing.B) {
	mod := New()
	c := sdktest.Direct(b, mod, sdktest.NewFakeHost(b, sdk.Capabilities{}), nil)
	req := sdktest.NewRequest(mod.Describe(), "example.get_hello", "", nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Handle(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHandleGRPC adds the real gRPC glue (in-process, no TLS): the
// floor of one host→module hop.
func BenchmarkHandleGRPC(b *testing.B) {
	mod := New()
	c := sdktest.Serve(b, mod, sdktest.NewFakeHost(b, sdk.Capabilities{}), nil)
	req := sdktest.NewRequest(mod.Describe(), "example.get_hello", "", nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Handle(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}
