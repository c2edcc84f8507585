package pluginhost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/rootfs"
)

// pagesHost answers "SELECT" with three pages, "COUNT" with a count and
// anything else with error 2007.
type pagesHost struct{}

func (pagesHost) QueryWDB(_ context.Context, cmd string) (json.RawMessage, error) {
	switch {
	case strings.Contains(cmd, "COUNT"):
		return json.RawMessage(`[{"count(*)":3}]`), nil
	case strings.Contains(cmd, "SELECT"):
		return json.RawMessage(`[{"id":1},{"id":2},{"id":3}]`), nil
	}
	return nil, sdk.NewError(2007)
}

func (pagesHost) StreamWDB(_ context.Context, cmd string, fn func(json.RawMessage) error) error {
	if !strings.Contains(cmd, "SELECT") {
		return sdk.NewError(2007)
	}
	for i := 1; i <= 3; i++ {
		if err := fn(json.RawMessage(fmt.Sprintf(`[{"id":%d}]`, i))); err != nil {
			return err
		}
	}
	return nil
}

func (pagesHost) SendSocket(context.Context, string, []byte) ([]byte, error) { return nil, nil }
func (pagesHost) GetConfig(context.Context, string) (json.RawMessage, error) { return nil, nil }
func (pagesHost) Files() sdk.Files                                           { return rootfs.New("", nil) }

// wdbModule reports what its host answered to each kind of wazuh-db call.
type wdbModule struct{ host sdk.Host }

func (m *wdbModule) Describe() sdk.Descriptor {
	return sdk.Descriptor{Name: "wdb", Routes: []sdk.Route{{ID: "wdb.get", Method: http.MethodGet, Path: "/wdb"}},
		Needs: sdk.Capabilities{WDB: []string{"global"}}}
}

func (m *wdbModule) Configure(_ context.Context, h sdk.Host, _ sdk.Config) error {
	m.host = h
	return nil
}

func (m *wdbModule) Handle(ctx context.Context, _ *sdk.Request) (*sdk.Response, error) {
	var out strings.Builder
	one, err := m.host.QueryWDB(ctx, "global sql SELECT id")
	fmt.Fprintf(&out, "query=%s/%v ", one, err)
	_, err = m.host.QueryWDB(ctx, "global bad")
	var we *sdk.Error
	fmt.Fprintf(&out, "bad=%v ", errors.As(err, &we) && we.Code == 2007)
	var pages []string
	count, err := sdk.StreamWDBWithCount(ctx, m.host, "global sql SELECT id", "global sql SELECT COUNT(*)", func(p json.RawMessage) error {
		pages = append(pages, string(p))
		return nil
	})
	fmt.Fprintf(&out, "pages=%s count=%s/%v ", strings.Join(pages, "|"), count, err)
	err = m.host.StreamWDB(ctx, "global bad", func(json.RawMessage) error { return nil })
	fmt.Fprintf(&out, "badstream=%v", errors.As(err, &we) && we.Code == 2007)
	return &sdk.Response{Body: []byte(out.String())}, nil
}

// TestHostExchangeMatchesTheUnaryCalls runs the same wazuh-db calls over
// HostService.Exchange and, announcing an older host, over QueryWDB and
// QueryWDBStream: the module sees the same answers either way.
func TestHostExchangeMatchesTheUnaryCalls(t *testing.T) {
	const want = `query=[{"id":1},{"id":2},{"id":3}]/<nil> bad=true pages=[{"id":1}]|[{"id":2}]|[{"id":3}] count=[{"count(*)":3}]/<nil> badstream=true`
	for _, tc := range []struct {
		name      string
		hostMinor int32
		exchange  bool
	}{{"exchange", 0, true}, {"older host", 3, false}} {
		t.Run(tc.name, func(t *testing.T) {
			mod := &wdbModule{}
			c := dispenseClient(t, mod)
			c.hostMinor = tc.hostMinor
			if err := c.Configure(context.Background(), ConfigureOptions{Host: pagesHost{}, Granted: mod.Describe().Needs}); err != nil {
				t.Fatal(err)
			}
			resp, err := c.Handle(context.Background(), &sdk.Request{RouteID: "wdb.get", Method: http.MethodGet})
			if err != nil {
				t.Fatal(err)
			}
			if string(resp.Body) != want {
				t.Fatalf("got  %s\nwant %s", resp.Body, want)
			}
			used := mod.host.(*hostClient).mux.current() != nil
			if used != tc.exchange {
				t.Fatalf("Exchange used = %v, want %v", used, tc.exchange)
			}
		})
	}
}
