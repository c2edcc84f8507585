package pluginhost

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime/debug"
	"sync"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"github.com/wazuh-go/server/sdk"
	hostv1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/host/v1"
	modulev1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/module/v1"
)

// Logger is the logger the module side uses; plugin.Serve sets it before
// serving so it writes hclog JSON to the real stderr.
var Logger hclog.Logger = hclog.NewNullLogger()

// moduleServer serves ModuleService inside the module process.
type moduleServer struct {
	modulev1.UnimplementedModuleServiceServer
	impl   sdk.Module
	broker *plugin.GRPCBroker

	mu         sync.Mutex
	configured bool
}

func newModuleServer(impl sdk.Module, broker *plugin.GRPCBroker) *moduleServer {
	return &moduleServer{impl: impl, broker: broker}
}

func (s *moduleServer) Describe(context.Context, *modulev1.DescribeRequest) (*modulev1.DescribeResponse, error) {
	return descriptorToWire(s.impl.Describe()), nil
}

func (s *moduleServer) Configure(ctx context.Context, req *modulev1.ConfigureRequest) (*modulev1.ConfigureResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.configured {
		return &modulev1.ConfigureResponse{Error: errorToWire(fmt.Errorf("module already configured"))}, nil
	}
	var host sdk.Host = noHost{}
	if req.GetHostBrokerId() != 0 {
		conn, err := s.broker.DialWithOptions(req.GetHostBrokerId(), GRPCDialOptions()...)
		if err != nil {
			return nil, fmt.Errorf("pluginhost: dial host services: %w", err)
		}
		host = newHostClient(hostv1.NewHostServiceClient(conn), req.GetHostProtocolMinor())
	}
	cfg := sdk.Config{
		Settings: json.RawMessage(req.GetSettingsJson()), Granted: capsFromWire(req.GetGranted()),
		NodeName: req.GetNodeName(), Logger: Logger,
	}
	if len(cfg.Settings) == 0 {
		cfg.Settings = json.RawMessage("null")
	}
	if err := s.impl.Configure(ctx, host, cfg); err != nil {
		return &modulev1.ConfigureResponse{Error: errorToWire(err)}, nil
	}
	s.configured = true
	return &modulev1.ConfigureResponse{}, nil
}

// handle runs the module's Handle with panic recovery: a panicking handler
// answers Wazuh's internal error instead of killing the module.
func (s *moduleServer) handle(ctx context.Context, w *modulev1.HandleRequest) (resp *sdk.Response, err error) {
	defer func() {
		if p := recover(); p != nil {
			Logger.Error("handler panic", "route", w.GetRouteId(), "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			resp, err = nil, fmt.Errorf("panic in route %s", w.GetRouteId())
		}
	}()
	resp, err = s.impl.Handle(ctx, requestFromWire(w))
	if err == nil && resp == nil {
		err = fmt.Errorf("route %s returned no response", w.GetRouteId())
	}
	return resp, err
}

func (s *moduleServer) Handle(ctx context.Context, w *modulev1.HandleRequest) (*modulev1.HandleResponse, error) {
	resp, err := s.handle(ctx, w)
	if err != nil {
		return &modulev1.HandleResponse{Error: errorToWire(err)}, nil
	}
	body := resp.Body
	if resp.BodyWriter != nil {
		var buf bytes.Buffer
		if err := resp.BodyWriter(&buf); err != nil {
			return &modulev1.HandleResponse{Error: errorToWire(err)}, nil
		}
		body = buf.Bytes()
	}
	return &modulev1.HandleResponse{Status: int32(statusOr200(resp.Status)), Header: valuesToWire(resp.Header), Body: body}, nil
}

func (s *moduleServer) HandleStream(w *modulev1.HandleRequest, stream modulev1.ModuleService_HandleStreamServer) error {
	resp, err := s.handle(stream.Context(), w)
	if err != nil {
		return stream.Send(&modulev1.HandleResponse{Error: errorToWire(err)})
	}
	cw := newChunkWriter(streamSender(stream), statusOr200(resp.Status), resp.Header)
	defer cw.release()
	if resp.BodyWriter != nil {
		err = resp.BodyWriter(cw)
	} else {
		_, err = cw.Write(resp.Body)
	}
	if err != nil {
		if cw.sentHeader {
			return fmt.Errorf("pluginhost: stream body of %s: %w", w.GetRouteId(), err)
		}
		return stream.Send(&modulev1.HandleResponse{Error: errorToWire(err)})
	}
	return cw.Close()
}

func (s *moduleServer) CheckHealth(ctx context.Context, _ *modulev1.CheckHealthRequest) (*modulev1.CheckHealthResponse, error) {
	if hc, ok := s.impl.(sdk.HealthChecker); ok {
		if err := hc.CheckHealth(ctx); err != nil {
			return &modulev1.CheckHealthResponse{Ok: false, Message: err.Error()}, nil
		}
	}
	return &modulev1.CheckHealthResponse{Ok: true}, nil
}

func (s *moduleServer) Stop(ctx context.Context, _ *modulev1.StopRequest) (*modulev1.StopResponse, error) {
	if st, ok := s.impl.(sdk.Stopper); ok {
		if err := st.Stop(ctx); err != nil {
			return nil, fmt.Errorf("pluginhost: stop: %w", err)
		}
	}
	return &modulev1.StopResponse{}, nil
}

func statusOr200(s int) int {
	if s == 0 {
		return http.StatusOK
	}
	return s
}
