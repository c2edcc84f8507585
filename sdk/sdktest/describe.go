package sdktest

import (
	"context"
	"testing"

	goplugin "github.com/hashicorp/go-plugin"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pluginhost"
)

// Describe returns mod's descriptor as the host receives it: through the
// real gRPC glue. Compare it with mod.Describe() to catch fields the wire
// cannot carry (an empty QueryParams, for one, must stay empty).
func Describe(t testing.TB, mod sdk.Module) sdk.Descriptor {
	t.Helper()
	_, d := dispense(t, mod)
	return d
}

// dispense serves mod behind the real gRPC glue and returns the host-side
// client with the descriptor it fetched.
func dispense(t testing.TB, mod sdk.Module) (*pluginhost.Client, sdk.Descriptor) {
	t.Helper()
	client, _ := goplugin.TestPluginGRPCConn(t, false, map[string]goplugin.Plugin{pluginhost.PluginName: &pluginhost.ModulePlugin{Impl: mod}})
	t.Cleanup(func() { _ = client.Close() })
	raw, err := client.Dispense(pluginhost.PluginName)
	if err != nil {
		t.Fatalf("sdktest: dispense: %v", err)
	}
	c := raw.(*pluginhost.Client)
	d, err := c.Describe(context.Background())
	if err != nil {
		t.Fatalf("sdktest: describe: %v", err)
	}
	return c, d
}
