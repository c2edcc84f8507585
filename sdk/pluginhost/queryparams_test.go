package pluginhost_test

import (
	"context"
	"testing"

	goplugin "github.com/hashicorp/go-plugin"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pluginhost"
)

// paramsModule declares one route per QueryParams form.
type paramsModule struct{ configModule }

func (paramsModule) Describe() sdk.Descriptor {
	return sdk.Descriptor{Name: "params", Routes: []sdk.Route{
		{ID: "params.none", Method: "POST", Path: "/none", QueryParams: []string{}},
		{ID: "params.unchecked", Method: "GET", Path: "/unchecked"},
		{ID: "params.some", Method: "GET", Path: "/some", QueryParams: []string{"q"}},
	}}
}

// An empty QueryParams (no parameter besides pretty and
// wait_for_complete) survives the gRPC glue instead of turning into nil,
// which would disable the host's "Extra query parameter(s)" check.
func TestEmptyQueryParamsCrossTheGlue(t *testing.T) {
	client, _ := goplugin.TestPluginGRPCConn(t, false, map[string]goplugin.Plugin{pluginhost.PluginName: &pluginhost.ModulePlugin{Impl: paramsModule{}}})
	t.Cleanup(func() { _ = client.Close() })
	raw, err := client.Dispense(pluginhost.PluginName)
	if err != nil {
		t.Fatal(err)
	}
	d, err := raw.(*pluginhost.Client).Describe(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	none, unchecked, some := d.Routes[0].QueryParams, d.Routes[1].QueryParams, d.Routes[2].QueryParams
	if none == nil || len(none) != 0 || unchecked != nil || len(some) != 1 || some[0] != "q" {
		t.Fatalf("query params: none %#v, unchecked %#v, some %#v", none, unchecked, some)
	}
}
