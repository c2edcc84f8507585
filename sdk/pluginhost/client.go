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

	// ex carries calls to modules of protocol minor 4 and later.
	ex *lazyMux
	// hostMinor, when set, is the minor announced at Configure instead of
	// sdk.ProtocolMinor (tests of modules facing an older host).
	hostMinor int32
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
	c.ex.setMinor(resp.GetProtocolMinor())
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
		HostProtocolMinor: c.advertisedMinor(),
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
	if x := c.ex.caller(ctx); x != nil {
		return c.handleExchange(ctx, x, req)
	}
	resp, err := c.rpc.Handle(withoutDeadline(ctx), requestToWire(req))
	if err != nil {
		return nil, fmt.Errorf("pluginhost: handle %s: %w", req.RouteID, err)
	}
	if resp.GetError() != nil {
		return nil, errorFromWire(resp.GetError())
	}
	return &sdk.Response{Status: int(resp.GetStatus()), Header: http.Header(valuesFromWire(resp.GetHeader())), Body: resp.GetBody()}, nil
}

// handleExchange is Handle over the Exchange stream: the body, which may
// come in several messages, is gathered.
func (c *Client) handleExchange(ctx context.Context, x *muxCaller, req *sdk.Request) (*sdk.Response, error) {
	src, err := startExchangeCall(ctx, x, req)
	if err != nil {
		return nil, err
	}
	defer src.call.finish()
	first := src.next()
	defer first.release()
	if err := first.failure(req.RouteID); err != nil {
		return nil, err
	}
	resp := &sdk.Response{Status: int(first.msg.GetStatus()), Header: http.Header(valuesFromWire(first.msg.GetHeader()))}
	resp.Body = append([]byte(nil), first.aliased.big...)
	for {
		cur := src.next()
		if errors.Is(cur.err, io.EOF) {
			return resp, nil
		}
		if cur.err != nil {
			return nil, cur.err
		}
		resp.Body = append(resp.Body, cur.aliased.big...)
		cur.release()
	}
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
// Over Exchange the first message says whether it is the last.
func (c *Client) HandleStream(ctx context.Context, req *sdk.Request, start func(status int, header http.Header), body io.Writer) error {
	var src chunkSource
	if x := c.ex.caller(ctx); x != nil {
		es, err := startExchangeCall(ctx, x, req)
		if err != nil {
			return err
		}
		defer es.call.finish()
		src = es
	} else {
		stream, err := c.rpc.HandleStream(withoutDeadline(ctx), requestToWire(req), codecCallOption()) // for aliasedMsg
		if err != nil {
			return fmt.Errorf("pluginhost: handle stream %s: %w", req.RouteID, err)
		}
		src = grpcSource{stream: stream, route: req.RouteID}
	}
	first := src.next()
	defer first.release()
	if err := first.failure(req.RouteID); err != nil {
		return err
	}
	header := http.Header(valuesFromWire(first.msg.GetHeader()))
	if header == nil {
		header = http.Header{}
	}
	cur := src.next()
	if errors.Is(cur.err, io.EOF) {
		header.Set("Content-Length", strconv.Itoa(len(first.aliased.big)))
	}
	start(int(first.msg.GetStatus()), header)
	_, err := body.Write(first.aliased.big)
	first.release()
	for err == nil && cur.err == nil {
		_, err = body.Write(cur.aliased.big)
		cur.release()
		if err == nil {
			cur = src.next()
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

// chunk is one received response message whose body aliases the receive
// buffer until release; err is io.EOF after the last message, or the
// response's failure.
type chunk struct {
	msg     *modulev1.HandleResponse
	aliased *aliasedMsg
	err     error
}

func (c *chunk) release() {
	if c.aliased != nil {
		c.aliased.release()
	}
}

// failure is the error a response's first message reports: none, a
// transport failure or the module's Wazuh error.
func (c *chunk) failure(routeID string) error {
	switch {
	case errors.Is(c.err, io.EOF):
		return fmt.Errorf("pluginhost: stream %s ended without a response", routeID)
	case c.err != nil:
		return c.err
	case c.msg.GetError() != nil:
		return errorFromWire(c.msg.GetError())
	}
	return nil
}

// chunkSource yields the messages of one response.
type chunkSource interface{ next() *chunk }

// grpcSource reads a HandleStream call.
type grpcSource struct {
	stream modulev1.ModuleService_HandleStreamClient
	route  string
}

func (g grpcSource) next() *chunk {
	c := &chunk{msg: &modulev1.HandleResponse{}}
	c.aliased = &aliasedMsg{field: bodyField, msg: c.msg}
	err := g.stream.RecvMsg(c.aliased)
	switch {
	case errors.Is(err, io.EOF):
		c.err = io.EOF
	case err != nil:
		c.err = fmt.Errorf("pluginhost: stream %s: %w", g.route, err)
	}
	return c
}

// ErrModuleUnhealthy is CheckHealth's error when the module answered that
// it cannot serve (as opposed to not answering at all).
var ErrModuleUnhealthy = errors.New("pluginhost: module unhealthy")

// CheckHealth asks the module for its health.
func (c *Client) CheckHealth(ctx context.Context) error {
	resp, err := c.rpc.CheckHealth(ctx, &modulev1.CheckHealthRequest{})
	if err != nil {
		return fmt.Errorf("pluginhost: check health: %w", err)
	}
	if !resp.GetOk() {
		return fmt.Errorf("%w: %s", ErrModuleUnhealthy, resp.GetMessage())
	}
	return nil
}

// Stop asks the module to clean up, then releases the host side (Close).
func (c *Client) Stop(ctx context.Context) error {
	_, err := c.rpc.Stop(ctx, &modulev1.StopRequest{})
	c.Close()
	if err != nil {
		return fmt.Errorf("pluginhost: stop: %w", err)
	}
	return nil
}

// Close releases the host side of the module's connection without calling
// the module: the Exchange stream and the host services server, whose
// goroutines and socket would otherwise outlive a module process that
// died. Stop calls it; call it alone for a process that is gone.
func (c *Client) Close() {
	c.ex.close()
	c.hostSrvMu.Lock()
	if c.hostSrv != nil {
		c.hostSrv.Stop()
	}
	c.hostSrvMu.Unlock()
}

// advertisedMinor is the protocol minor announced to the module.
func (c *Client) advertisedMinor() int32 {
	if c.hostMinor != 0 {
		return c.hostMinor
	}
	return sdk.ProtocolMinor
}
