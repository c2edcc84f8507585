package pluginhost

import (
	"context"
	"fmt"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"github.com/wazuh-go/server/sdk"
	modulev1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/module/v1"
)

// ModulePlugin implements go-plugin's GRPCPlugin for wazuh-go modules. In the
// module process Impl is the module; in the host Impl is nil and GRPCClient
// returns a *Client.
type ModulePlugin struct {
	plugin.NetRPCUnsupportedPlugin
	// Impl is the module served (module side only).
	Impl sdk.Module
}

// GRPCServer registers the ModuleService server (module side).
func (p *ModulePlugin) GRPCServer(broker *plugin.GRPCBroker, s *grpc.Server) error {
	if p.Impl == nil {
		return fmt.Errorf("pluginhost: no module implementation to serve")
	}
	modulev1.RegisterModuleServiceServer(s, newModuleServer(p.Impl, broker))
	return nil
}

// GRPCClient returns the host-side client for a module.
func (p *ModulePlugin) GRPCClient(_ context.Context, broker *plugin.GRPCBroker, c *grpc.ClientConn) (any, error) {
	return newClient(modulev1.NewModuleServiceClient(c), broker), nil
}
