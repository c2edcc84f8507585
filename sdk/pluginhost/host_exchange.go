package pluginhost

import (
	"context"
	"encoding/json"
	"fmt"

	"google.golang.org/protobuf/proto"

	"github.com/wazuh-go/server/sdk"
	hostv1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/host/v1"
)

// hostPayloadField is the host ExchangeResponse field received without a
// copy.
var hostPayloadField = fieldNumber(&hostv1.ExchangeResponse{}, "payload")

// hostCalleeWire adapts HostService.Exchange to serveMux.
var hostCalleeWire = &calleeWire{
	newRequest: func() proto.Message { return &hostv1.ExchangeRequest{} },
	frame: func(msg proto.Message) (uint64, proto.Message, bool, uint32) {
		r := msg.(*hostv1.ExchangeRequest)
		var start proto.Message
		if r.GetQuery() != nil {
			start = r
		}
		return r.GetCall(), start, r.GetCancel(), r.GetCredit()
	},
	setCall: func(resp proto.Message, id uint64) { resp.(*hostv1.ExchangeResponse).Call = id },
}

// hostCallerWire adapts HostService.Exchange to muxCaller.
var hostCallerWire = &callerWire{
	start: func(id uint64, req proto.Message) proto.Message {
		r := req.(*hostv1.ExchangeRequest)
		r.Call = id
		return r
	},
	cancel: func(id uint64) proto.Message { return &hostv1.ExchangeRequest{Call: id, Cancel: true} },
	credit: func(id uint64, n uint32) proto.Message { return &hostv1.ExchangeRequest{Call: id, Credit: n} },
	newResponse: func() *aliasedMsg {
		return &aliasedMsg{field: hostPayloadField, msg: &hostv1.ExchangeResponse{}}
	},
	frame: func(resp proto.Message) (uint64, bool) {
		r := resp.(*hostv1.ExchangeResponse)
		return r.GetCall(), r.GetEnd()
	},
}

// Exchange serves the module's wazuh-db calls multiplexed over one stream.
func (s *hostServer) Exchange(stream hostv1.HostService_ExchangeServer) error {
	return serveMux(stream.Context(), stream, hostCalleeWire, s.exchangeCall)
}

// exchangeCall answers one QueryWDB (one message) or QueryWDBStream (a
// message per page, then one with the count or nothing, marked as the
// end) call.
func (s *hostServer) exchangeCall(ctx context.Context, req proto.Message, send func(proto.Message) error) {
	r := req.(*hostv1.ExchangeRequest)
	q := r.GetQuery()
	if !r.GetStream() {
		payload, err := s.host.QueryWDB(ctx, q.GetCommand())
		_ = send(&hostv1.ExchangeResponse{Payload: payload, Error: hostErrorToWire(err), End: true})
		return
	}
	page := func(p json.RawMessage) error { return send(&hostv1.ExchangeResponse{Payload: p}) }
	var count json.RawMessage
	var err error
	if q.GetCountCommand() == "" {
		err = s.host.StreamWDB(ctx, q.GetCommand(), page)
	} else {
		count, err = sdk.StreamWDBWithCount(ctx, s.host, q.GetCommand(), q.GetCountCommand(), page)
		if count == nil {
			count = json.RawMessage("null") // never an unset field: the module waits for it
		}
	}
	if err != nil {
		_ = send(&hostv1.ExchangeResponse{Error: hostErrorToWire(err), End: true})
		return
	}
	_ = send(&hostv1.ExchangeResponse{CountPayload: count, End: true})
}

// newHostMux returns the module's end of HostService.Exchange, opened on
// first use when the host's protocol minor has it.
func newHostMux(rpc hostv1.HostServiceClient, hostMinor int32) *lazyMux {
	l := &lazyMux{wire: hostCallerWire, open: func(ctx context.Context) (msgStream, error) {
		return rpc.Exchange(ctx, codecCallOption()) // for aliasedMsg
	}}
	l.setMinor(hostMinor)
	return l
}

// queryWDBExchange runs one wazuh-db call over Exchange. Pages go to fn (which
// must not retain them); the count payload, when asked for, is returned.
func queryWDBExchange(ctx context.Context, m *muxCaller, req *hostv1.ExchangeRequest, fn func(json.RawMessage) error) (json.RawMessage, error) {
	call, err := m.start(req)
	if err != nil {
		return nil, fmt.Errorf("pluginhost: query wdb: %w", err)
	}
	defer call.finish()
	for {
		am, end, err := call.recv(ctx)
		if err != nil {
			return nil, fmt.Errorf("pluginhost: query wdb: %w", err)
		}
		msg := am.msg.(*hostv1.ExchangeResponse)
		if err := hostErrorFromWire(msg.GetError()); err != nil {
			am.release()
			return nil, err
		}
		switch {
		case !req.GetStream():
			payload := json.RawMessage(append([]byte(nil), am.big...))
			am.release()
			return payload, nil
		case end:
			count := msg.GetCountPayload()
			am.release()
			if count == nil {
				return nil, nil
			}
			return json.RawMessage(count), nil
		}
		err = fn(am.big)
		am.release()
		if err != nil {
			return nil, err
		}
	}
}
