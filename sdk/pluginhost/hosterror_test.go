package pluginhost_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// filesModule reports how host errors look inside the module: whether
// they match the sdk sentinels and which Wazuh code they carry.
type filesModule struct{ host sdk.Host }

func (*filesModule) Describe() sdk.Descriptor {
	return sdk.Descriptor{Name: "files", Routes: []sdk.Route{{ID: "files.probe", Method: "GET", Path: "/probe"}},
		Needs: sdk.Capabilities{WDB: []string{"global"}, Files: []string{"etc/shared"}}}
}

func (m *filesModule) Configure(_ context.Context, h sdk.Host, _ sdk.Config) error {
	m.host = h
	return nil
}

func describeErr(err error) string {
	var we *sdk.Error
	code := 0
	if errors.As(err, &we) {
		code = we.Code
	}
	return fmt.Sprintf("notfound=%v capability=%v code=%d", errors.Is(err, sdk.ErrNotFound), errors.Is(err, sdk.ErrCapability), code)
}

func (m *filesModule) Handle(ctx context.Context, _ *sdk.Request) (*sdk.Response, error) {
	f := m.host.Files()
	_, readErr := f.Read(ctx, "etc/shared/nope/agent.conf")
	_, statErr := f.Stat(ctx, "etc/shared/nope")
	_, listErr := f.List(ctx, "etc/shared/nope")
	_, outsideErr := f.Read(ctx, "etc/client.keys")
	_, wdbErr := m.host.QueryWDB(ctx, "task sql SELECT 1")
	body := fmt.Sprintf("read %s; stat %s; list %s; outside %s; wdb %s", describeErr(readErr), describeErr(statErr),
		describeErr(listErr), describeErr(outsideErr), describeErr(wdbErr))
	return &sdk.Response{Body: []byte(body)}, nil
}

// A missing file keeps sdk.ErrNotFound across the gRPC boundary (and its
// 1006 code), and a call outside the grant keeps sdk.ErrCapability.
func TestHostErrorSentinelsThroughTheGlue(t *testing.T) {
	mod := &filesModule{}
	host := sdktest.NewFakeHost(t, mod.Describe().Needs)
	c := sdktest.Serve(t, mod, host, nil)
	resp, err := c.Handle(context.Background(), sdktest.NewRequest(mod.Describe(), "files.probe", "", nil))
	if err != nil {
		t.Fatal(err)
	}
	want := "read notfound=true capability=false code=1006; stat notfound=true capability=false code=1006; " +
		"list notfound=true capability=false code=1006; outside notfound=false capability=true code=1000; " +
		"wdb notfound=false capability=true code=1000"
	if string(resp.Body) != want {
		t.Fatalf("got  %s\nwant %s", resp.Body, want)
	}
	direct := sdktest.Direct(t, &filesModule{}, host, nil)
	resp, err = direct.Handle(context.Background(), sdktest.NewRequest(mod.Describe(), "files.probe", "", nil))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(resp.Body); got != "read notfound=true capability=false code=0; stat notfound=true capability=false code=0; "+
		"list notfound=true capability=false code=0; outside notfound=false capability=true code=0; wdb notfound=false capability=true code=0" {
		t.Fatalf("in process: %s", got)
	}
}
