package pluginhost

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"github.com/wazuh-go/server/sdk"
	hostv1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/host/v1"
	modulev1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/module/v1"
)

// Client is the host's handle on one running module.
type Client struct {
	rpc    modulev1.ModuleServiceClient
	broker *plugin.GRPCBroker

	hostSrv   *grpc.Server
	hostSrvMu sync.Mutex
}

// ConfigureOptions are what the host passes to a module at Configure.
type ConfigureOptions struct {
	// Host serves the module's callbacks. Nil starts no host services.
	Host sdk.Host
	// Settings is the module's configuration section as JSON.
	Settings []byte
	// Granted are the capabilities the operator granted.
	Granted sdk.Capabilities
	// NodeName is the Wazuh node name.
	NodeName string
}

// Describe fetches the module's descriptor.
func (c *Client) Describe(ctx context.Context) (sdk.Descriptor, error) {
	resp, err := c.rpc.Describe(ctx, &modulev1.DescribeRequest{})
	if err != nil {
		return sdk.Descriptor{}, fmt.Errorf("pluginhost: describe: %w", err)
	}
	return descriptorFromWire(resp), nil
}

// Configure starts the module's HostService server on one broker connection
// (Vault's Setup pattern: one long-lived connection, never one per call)
// and configures the module.
func (c *Client) Configure(ctx context.Context, opts ConfigureOptions) error {
	var brokerID uint32
	if opts.Host != nil {
		brokerID = c.broker.NextId()
		srv := newHostServer(opts.Host)
		go c.broker.AcceptAndServe(brokerID, func(o []grpc.ServerOption) *grpc.Server {
			s := grpc.NewServer(append(o, GRPCServerOptions()...)...)
			hostv1.RegisterHostServiceServer(s, srv)
			c.hostSrvMu.Lock()
			c.hostSrv = s
			c.hostSrvMu.Unlock()
			return s
		})
	}
	resp, err := c.rpc.Configure(ctx, &modulev1.ConfigureRequest{
		HostBrokerId: brokerID, SettingsJson: opts.Settings, Granted: capsToWire(opts.Granted), NodeName: opts.NodeName,
	})
	if err != nil {
		return fmt.Errorf("pluginhost: configure: %w", err)
	}
	if resp.GetError() != nil {
		return errorFromWire(resp.GetError())
	}
	return nil
}

// Handle calls the module for one request. A Wazuh error from the module is
// returned as *sdk.Error; transport failures as other errors.
func (c *Client) Handle(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	resp, err := c.rpc.Handle(ctx, requestToWire(req))
	if err != nil {
		return nil, fmt.Errorf("pluginhost: handle %s: %w", req.RouteID, err)
	}
	if resp.GetError() != nil {
		return nil, errorFromWire(resp.GetError())
	}
	return &sdk.Response{Status: int(resp.GetStatus()), Header: http.Header(valuesFromWire(resp.GetHeader())), Body: resp.GetBody()}, nil
}

// HandleStream calls a streaming route. start is called once with status and
// header before the first body byte is written to body. An error before
// start is a *sdk.Error or a transport error; an error after it means the
// body is truncated.
func (c *Client) HandleStream(ctx context.Context, req *sdk.Request, start func(status int, header http.Header), body io.Writer) error {
	stream, err := c.rpc.HandleStream(ctx, requestToWire(req), codecCallOption()) // for aliasedMsg
	if err != nil {
		return fmt.Errorf("pluginhost: handle stream %s: %w", req.RouteID, err)
	}
	started := false
	recv := &aliasedMsg{field: bodyField}
	defer recv.release()
	for {
		msg := &modulev1.HandleResponse{}
		recv.msg = msg
		err := stream.RecvMsg(recv)
		if errors.Is(err, io.EOF) {
			if !started {
				return fmt.Errorf("pluginhost: stream %s ended without a response", req.RouteID)
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("pluginhost: stream %s: %w", req.RouteID, err)
		}
		if msg.GetError() != nil && !started {
			return errorFromWire(msg.GetError())
		}
		if !started {
			start(int(msg.GetStatus()), http.Header(valuesFromWire(msg.GetHeader())))
			started = true
		}
		_, err = body.Write(recv.big)
		recv.release()
		if err != nil {
			return fmt.Errorf("pluginhost: write stream body: %w", err)
		}
	}
}

// CheckHealth asks the module for its health.
func (c *Client) CheckHealth(ctx context.Context) error {
	resp, err := c.rpc.CheckHealth(ctx, &modulev1.CheckHealthRequest{})
	if err != nil {
		return fmt.Errorf("pluginhost: check health: %w", err)
	}
	if !resp.GetOk() {
		return fmt.Errorf("pluginhost: module unhealthy: %s", resp.GetMessage())
	}
	return nil
}

// Stop asks the module to clean up and stops the host services server.
func (c *Client) Stop(ctx context.Context) error {
	_, err := c.rpc.Stop(ctx, &modulev1.StopRequest{})
	c.hostSrvMu.Lock()
	if c.hostSrv != nil {
		c.hostSrv.Stop()
	}
	c.hostSrvMu.Unlock()
	if err != nil {
		return fmt.Errorf("pluginhost: stop: %w", err)
	}
	return nil
}
