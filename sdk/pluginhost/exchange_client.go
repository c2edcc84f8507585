package pluginhost

import (
	"context"
	"fmt"
	"io"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/protobuf/proto"

	"github.com/wazuh-go/server/sdk"
	modulev1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/module/v1"
)

// exchangeMinor is the protocol minor from which both ends serve Exchange.
const exchangeMinor = 4

// exchangeBodyField is the ExchangeResponse field received without a copy.
var exchangeBodyField = fieldNumber(&modulev1.ExchangeResponse{}, "body")

// moduleCallerWire adapts ModuleService.Exchange to muxCaller.
var moduleCallerWire = &callerWire{
	start: func(id uint64, req proto.Message) proto.Message {
		return &modulev1.ExchangeRequest{Call: id, Request: req.(*modulev1.HandleRequest)}
	},
	cancel: func(id uint64) proto.Message { return &modulev1.ExchangeRequest{Call: id, Cancel: true} },
	credit: func(id uint64, n uint32) proto.Message { return &modulev1.ExchangeRequest{Call: id, Credit: n} },
	newResponse: func() *aliasedMsg {
		return &aliasedMsg{field: exchangeBodyField, msg: &modulev1.ExchangeResponse{}}
	},
	frame: func(resp proto.Message) (uint64, bool) {
		r := resp.(*modulev1.ExchangeResponse)
		return r.GetCall(), r.GetEnd()
	},
}

// newClient returns the host's client for a module served on rpc.
func newClient(rpc modulev1.ModuleServiceClient, broker *plugin.GRPCBroker) *Client {
	c := &Client{rpc: rpc, broker: broker}
	c.ex = &lazyMux{wire: moduleCallerWire, open: func(ctx context.Context) (msgStream, error) {
		return rpc.Exchange(ctx, codecCallOption()) // for aliasedMsg
	}}
	return c
}

// exchangeSource reads one call's messages from an Exchange stream.
type exchangeSource struct {
	ctx   context.Context
	call  *muxCall
	route string
	ended bool
}

// startExchangeCall sends req as a new call.
func startExchangeCall(ctx context.Context, m *muxCaller, req *sdk.Request) (*exchangeSource, error) {
	call, err := m.start(requestToWire(req))
	if err != nil {
		return nil, fmt.Errorf("pluginhost: handle %s: %w", req.RouteID, err)
	}
	return &exchangeSource{ctx: ctx, call: call, route: req.RouteID}, nil
}

func (s *exchangeSource) next() *chunk {
	if s.ended {
		return &chunk{err: io.EOF}
	}
	am, end, err := s.call.recv(s.ctx)
	if err != nil {
		return &chunk{err: fmt.Errorf("pluginhost: stream %s: %w", s.route, err)}
	}
	s.ended = end
	m := am.msg.(*modulev1.ExchangeResponse)
	if f := m.GetFailure(); f != "" {
		am.release()
		return &chunk{err: fmt.Errorf("pluginhost: stream %s: module failed: %s", s.route, f)}
	}
	return &chunk{msg: &modulev1.HandleResponse{Status: m.GetStatus(), Header: m.GetHeader(), Error: m.GetError()}, aliased: am}
}
