package pluginhost

import (
	"context"
	"fmt"
	"net/http"
	"runtime/debug"

	"google.golang.org/protobuf/proto"

	"github.com/wazuh-go/server/sdk"
	modulev1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/module/v1"
)

// moduleCalleeWire adapts ModuleService.Exchange to serveMux.
var moduleCalleeWire = &calleeWire{
	newRequest: func() proto.Message { return &modulev1.ExchangeRequest{} },
	frame: func(msg proto.Message) (uint64, proto.Message, bool, uint32) {
		r := msg.(*modulev1.ExchangeRequest)
		var start proto.Message
		if r.GetRequest() != nil {
			start = r.GetRequest()
		}
		return r.GetCall(), start, r.GetCancel(), r.GetCredit()
	},
	setCall: func(resp proto.Message, id uint64) { resp.(*modulev1.ExchangeResponse).Call = id },
}

// Exchange serves the host's calls multiplexed over one stream.
func (s *moduleServer) Exchange(stream modulev1.ModuleService_ExchangeServer) error {
	return serveMux(stream.Context(), stream, moduleCalleeWire, s.exchangeCall)
}

// exchangeCall handles one call and sends its response in chunks, the last
// one marked as the end.
func (s *moduleServer) exchangeCall(ctx context.Context, req proto.Message, send func(proto.Message) error) {
	w := req.(*modulev1.HandleRequest)
	resp, err := s.handle(ctx, w)
	if err != nil {
		_ = send(&modulev1.ExchangeResponse{Error: errorToWire(err), End: true})
		return
	}
	cw := newChunkWriter(func(body []byte, first bool, status int, header http.Header, end bool) error {
		msg := &modulev1.ExchangeResponse{Body: body, End: end}
		if first {
			msg.Status, msg.Header = int32(status), valuesToWire(header)
		}
		return send(msg)
	}, statusOr200(resp.Status), resp.Header)
	cw.markEnd = true
	defer cw.release()
	err = writeBody(w.GetRouteId(), resp, cw)
	switch {
	case err == nil:
		_ = cw.Close()
	case cw.sentHeader && ctx.Err() != nil:
		// The host cancelled the call: its client went away or timed out.
		Logger.Debug("stream body abandoned by the host", "route", w.GetRouteId())
		_ = send(&modulev1.ExchangeResponse{Failure: err.Error(), End: true})
	case cw.sentHeader:
		Logger.Error("stream body cut short", "route", w.GetRouteId(), "error", err)
		_ = send(&modulev1.ExchangeResponse{Failure: err.Error(), End: true})
	default:
		_ = send(&modulev1.ExchangeResponse{Error: errorToWire(err), End: true})
	}
}

// writeBody writes resp's body to cw; a panic in the module's body writer
// fails this response instead of the module's process.
func writeBody(routeID string, resp *sdk.Response, cw *chunkWriter) (err error) {
	defer func() {
		if p := recover(); p != nil {
			Logger.Error("body writer panic", "route", routeID, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = fmt.Errorf("panic in route %s", routeID)
		}
	}()
	if resp.BodyWriter != nil {
		return resp.BodyWriter(cw)
	}
	_, err = cw.Write(resp.Body)
	return err
}
