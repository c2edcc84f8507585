package pluginhost

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
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
	resp, err := c.rpc.Handle(withoutDeadline(ctx), requestToWire(req))
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
//
// The first body chunk is held until the next message arrives: when the
// stream ends there, the whole body is known and start receives a
// Content-Length header, so the HTTP layer writes one plain response
// instead of a chunked one (Wazuh's own responses carry Content-Length).
func (c *Client) HandleStream(ctx context.Context, req *sdk.Request, start func(status int, header http.Header), body io.Writer) error {
	stream, err := c.rpc.HandleStream(withoutDeadline(ctx), requestToWire(req), codecCallOption()) // for aliasedMsg
	if err != nil {
		return fmt.Errorf("pluginhost: handle stream %s: %w", req.RouteID, err)
	}
	first := recvChunk(stream, req.RouteID)
	defer first.release()
	if errors.Is(first.err, io.EOF) {
		return fmt.Errorf("pluginhost: stream %s ended without a response", req.RouteID)
	}
	if first.err != nil {
		return first.err
	}
	if e := first.msg.GetError(); e != nil {
		return errorFromWire(e)
	}
	header := http.Header(valuesFromWire(first.msg.GetHeader()))
	if header == nil {
		header = http.Header{}
	}
	cur := recvChunk(stream, req.RouteID)
	if errors.Is(cur.err, io.EOF) {
		header.Set("Content-Length", strconv.Itoa(len(first.aliased.big)))
	}
	start(int(first.msg.GetStatus()), header)
	_, err = body.Write(first.aliased.big)
	first.release()
	for err == nil && cur.err == nil {
		_, err = body.Write(cur.aliased.big)
		cur.release()
		if err == nil {
			cur = recvChunk(stream, req.RouteID)
		}
	}
	cur.release()
	switch {
	case err != nil:
		return fmt.Errorf("pluginhost: write stream body: %w", err)
	case errors.Is(cur.err, io.EOF):
		return nil
	default:
		return cur.err
	}
}

// chunk is one received HandleStream message whose body aliases the
// receive buffer until release; err is io.EOF at the end of the stream, or
// the stream's failure.
type chunk struct {
	msg     *modulev1.HandleResponse
	aliased *aliasedMsg
	err     error
}

func (c *chunk) release() { c.aliased.release() }

// recvChunk receives the next message of a HandleStream call.
func recvChunk(stream modulev1.ModuleService_HandleStreamClient, routeID string) *chunk {
	c := &chunk{msg: &modulev1.HandleResponse{}}
	c.aliased = &aliasedMsg{field: bodyField, msg: c.msg}
	err := stream.RecvMsg(c.aliased)
	switch {
	case errors.Is(err, io.EOF):
		c.err = io.EOF
	case err != nil:
		c.err = fmt.Errorf("pluginhost: stream %s: %w", routeID, err)
	}
	return c
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
