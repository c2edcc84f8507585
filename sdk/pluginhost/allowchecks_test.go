package pluginhost_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	goplugin "github.com/hashicorp/go-plugin"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pluginhost"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// configModule serves a configuration read that masks secrets unless the
// caller may reveal them, and reports what it received.
type configModule struct{}

func (configModule) Describe() sdk.Descriptor {
	return sdk.Descriptor{Name: "config", Routes: []sdk.Route{
		{ID: "config.get", Method: "GET", Path: "/config", AllowChecks: sdk.RevealSecretsChecks()},
		{ID: "config.plain", Method: "GET", Path: "/plain"},
	}}
}

func (configModule) Configure(context.Context, sdk.Host, sdk.Config) error { return nil }

func (configModule) Handle(_ context.Context, req *sdk.Request) (*sdk.Response, error) {
	var data any = map[string]any{"cluster": map[string]any{"key": "abc"}}
	if !req.MayRevealSecrets() {
		var err error
		if data, err = sdk.MaskSensitiveConfig(data); err != nil {
			return nil, err
		}
	}
	body, err := sdk.MarshalWazuhJSON(data, false)
	if err != nil {
		return nil, err
	}
	return &sdk.Response{Body: fmt.Appendf(body, " allows=%v", req.Allows)}, nil
}

func TestAllowChecksInTheDescriptor(t *testing.T) {
	client, _ := goplugin.TestPluginGRPCConn(t, false, map[string]goplugin.Plugin{pluginhost.PluginName: &pluginhost.ModulePlugin{Impl: configModule{}}})
	t.Cleanup(func() { _ = client.Close() })
	raw, err := client.Dispense(pluginhost.PluginName)
	if err != nil {
		t.Fatal(err)
	}
	d, err := raw.(*pluginhost.Client).Describe(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(d.Routes[0].AllowChecks, []string{"manager:update_config", "cluster:update_config"}) || d.Routes[1].AllowChecks != nil {
		t.Fatalf("routes %+v", d.Routes)
	}
}

func TestAllowsReachTheModule(t *testing.T) {
	mod := configModule{}
	c := sdktest.Serve(t, mod, sdktest.NewFakeHost(t, sdk.Capabilities{}), nil)
	for _, tc := range []struct {
		allows map[string]bool
		want   string
	}{
		{nil, `{"cluster": {"key": "*****"}} allows=map[]`},
		{map[string]bool{}, `{"cluster": {"key": "*****"}} allows=map[]`},
		// Only true entries cross the wire.
		{map[string]bool{"manager:update_config": false, "cluster:update_config": false}, `{"cluster": {"key": "*****"}} allows=map[]`},
		{map[string]bool{"cluster:update_config": true, "manager:update_config": false}, `{"cluster": {"key": "abc"}} allows=map[cluster:update_config:true]`},
		{map[string]bool{"manager:update_config": true, "cluster:update_config": true}, `{"cluster": {"key": "abc"}} allows=map[cluster:update_config:true manager:update_config:true]`},
	} {
		req := sdktest.NewRequest(mod.Describe(), "config.get", "", nil)
		req.Allows = tc.allows
		resp, err := c.Handle(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if string(resp.Body) != tc.want {
			t.Errorf("allows %v: got %s, want %s", tc.allows, resp.Body, tc.want)
		}
	}
}

// sdktest.NewRequest's caller is the administrator: it holds an allow for
// every AllowChecks action of the route, as its scopes permit everything.
func TestNewRequestAllowsTheRouteChecks(t *testing.T) {
	d := configModule{}.Describe()
	req := sdktest.NewRequest(d, "config.get", "", nil)
	if !req.Allows["manager:update_config"] || !req.Allows["cluster:update_config"] || len(req.Allows) != 2 || !req.MayRevealSecrets() {
		t.Fatalf("allows %v", req.Allows)
	}
	if req := sdktest.NewRequest(d, "config.plain", "", nil); req.Allows != nil || req.MayRevealSecrets() {
		t.Fatalf("allows %v", req.Allows)
	}
}
