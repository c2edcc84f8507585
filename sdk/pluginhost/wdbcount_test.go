package pluginhost_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// countingModule answers its one route with the pages and the count that
// sdk.StreamWDBWithCount returned through its host.
type countingModule struct{ host sdk.Host }

func (m *countingModule) Describe() sdk.Descriptor {
	return sdk.Descriptor{Name: "counting", Routes: []sdk.Route{{ID: "counting.list", Method: "GET", Path: "/counting", Stream: true}},
		Needs: sdk.Capabilities{WDB: []string{"global"}}}
}

func (m *countingModule) Configure(_ context.Context, h sdk.Host, _ sdk.Config) error {
	m.host = h
	return nil
}

func (m *countingModule) Handle(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	_, native := m.host.(sdk.CountingStreamer)
	var pages []string
	count, err := sdk.StreamWDBWithCount(ctx, m.host, "global sql SELECT id FROM agent", "global sql SELECT COUNT(*) FROM agent", func(p json.RawMessage) error {
		pages = append(pages, string(p))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &sdk.Response{Body: fmt.Appendf(nil, "native=%v pages=%s count=%s", native, strings.Join(pages, "|"), count)}, nil
}

func TestStreamWDBWithCountOneCallThroughTheGlue(t *testing.T) {
	host := sdktest.NewFakeHost(t, sdk.Capabilities{WDB: []string{"global"}})
	host.OnWDB("global sql SELECT id", `[{"id":1},{"id":2}]`)
	host.OnWDB("global sql SELECT COUNT", `[{"count(*)":2}]`)
	mod := &countingModule{}
	c := sdktest.Serve(t, mod, host, nil)
	req := sdktest.NewRequest(mod.Describe(), "counting.list", "", nil)
	resp, err := c.Handle(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	want := `native=true pages=[{"id":1},{"id":2}] count=[{"count(*)":2}]`
	if string(resp.Body) != want {
		t.Fatalf("got %s, want %s", resp.Body, want)
	}
	if n := len(host.Calls()); n != 2 {
		t.Fatalf("the host ran %d wazuh-db commands, want 2 (page and count): %v", n, host.Calls())
	}
}

func TestStreamWDBWithCountErrors(t *testing.T) {
	for _, tc := range []struct {
		name, failing string
	}{{"page fails", "global sql SELECT id"}, {"count fails", "global sql SELECT COUNT"}} {
		t.Run(tc.name, func(t *testing.T) {
			host := sdktest.NewFakeHost(t, sdk.Capabilities{WDB: []string{"global"}})
			host.OnWDB("global sql SELECT", `[{"id":1}]`)
			host.OnWDBFunc(tc.failing, func(string) (json.RawMessage, error) { return nil, sdk.NewError(2007) })
			mod := &countingModule{}
			c := sdktest.Serve(t, mod, host, nil)
			_, err := c.Handle(context.Background(), sdktest.NewRequest(mod.Describe(), "counting.list", "", nil))
			var we *sdk.Error
			if !errors.As(err, &we) || we.Code != 2007 {
				t.Fatalf("want the host's 2007 error, got %v", err)
			}
		})
	}
}

func TestStreamWDBWithCountFallsBackOnPlainHosts(t *testing.T) {
	host := sdktest.NewFakeHost(t, sdk.Capabilities{WDB: []string{"global"}})
	host.OnWDB("global sql SELECT id", `[{"id":1}]`)
	host.OnWDB("global sql SELECT COUNT", `[{"count(*)":1}]`)
	var pages int
	count, err := sdk.StreamWDBWithCount(context.Background(), host, "global sql SELECT id FROM agent", "global sql SELECT COUNT(*) FROM agent", func(json.RawMessage) error {
		pages++
		return nil
	})
	if err != nil || pages != 1 || string(count) != `[{"count(*)":1}]` {
		t.Fatalf("pages %d count %s err %v", pages, count, err)
	}
}
