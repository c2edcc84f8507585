package pluginhost

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/wazuh-go/server/sdk"
	hostv1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/host/v1"
)

// hostServer serves HostService in the host process, wrapping the host's
// sdk.Host implementation for one module.
type hostServer struct {
	hostv1.UnimplementedHostServiceServer
	host sdk.Host
}

func newHostServer(h sdk.Host) *hostServer { return &hostServer{host: h} }

func (s *hostServer) QueryWDB(ctx context.Context, req *hostv1.QueryWDBRequest) (*hostv1.QueryWDBResponse, error) {
	payload, err := s.host.QueryWDB(ctx, req.GetCommand())
	return &hostv1.QueryWDBResponse{Payload: payload, Error: hostErrorToWire(err)}, nil
}

func (s *hostServer) QueryWDBStream(req *hostv1.QueryWDBRequest, stream hostv1.HostService_QueryWDBStreamServer) error {
	send := func(page json.RawMessage) error {
		return stream.Send(&hostv1.QueryWDBResponse{Payload: page})
	}
	if req.GetCountCommand() == "" {
		if err := s.host.StreamWDB(stream.Context(), req.GetCommand(), send); err != nil {
			return stream.Send(&hostv1.QueryWDBResponse{Error: hostErrorToWire(err)})
		}
		return nil
	}
	count, err := sdk.StreamWDBWithCount(stream.Context(), s.host, req.GetCommand(), req.GetCountCommand(), send)
	if err != nil {
		return stream.Send(&hostv1.QueryWDBResponse{Error: hostErrorToWire(err)})
	}
	if count == nil {
		count = json.RawMessage("null") // never an unset field: the client waits for it
	}
	return stream.Send(&hostv1.QueryWDBResponse{CountPayload: count})
}

func (s *hostServer) SendSocket(ctx context.Context, req *hostv1.SendSocketRequest) (*hostv1.SendSocketResponse, error) {
	payload, err := s.host.SendSocket(ctx, req.GetSocket(), req.GetPayload())
	return &hostv1.SendSocketResponse{Payload: payload, Error: hostErrorToWire(err)}, nil
}

func (s *hostServer) GetConfig(ctx context.Context, req *hostv1.GetConfigRequest) (*hostv1.GetConfigResponse, error) {
	v, err := s.host.GetConfig(ctx, req.GetPath())
	return &hostv1.GetConfigResponse{ValueJson: v, Error: hostErrorToWire(err)}, nil
}

func (s *hostServer) FileOp(ctx context.Context, req *hostv1.FileOpRequest) (*hostv1.FileOpResponse, error) {
	f := s.host.Files()
	resp := &hostv1.FileOpResponse{}
	var err error
	switch req.GetOp() {
	case "read":
		resp.Data, err = f.Read(ctx, req.GetPath())
	case "write":
		err = f.Write(ctx, req.GetPath(), req.GetData(), req.GetMode())
	case "list":
		var entries []sdk.FileInfo
		entries, err = f.List(ctx, req.GetPath())
		for _, e := range entries {
			resp.Entries = append(resp.Entries, fileInfoToWire(e))
		}
	case "remove":
		err = f.Remove(ctx, req.GetPath())
	case "mkdir":
		err = f.MkDir(ctx, req.GetPath(), req.GetMode())
	case "stat":
		var fi sdk.FileInfo
		fi, err = f.Stat(ctx, req.GetPath())
		if err == nil {
			resp.Entries = []*hostv1.FileInfo{fileInfoToWire(fi)}
		}
	default:
		err = fmt.Errorf("pluginhost: unknown file op %q", req.GetOp())
	}
	resp.Error = hostErrorToWire(err)
	return resp, nil
}

func fileInfoToWire(fi sdk.FileInfo) *hostv1.FileInfo {
	return &hostv1.FileInfo{Name: fi.Name, IsDir: fi.IsDir, Size: fi.Size, ModTimeUnix: fi.ModTime.Unix()}
}
