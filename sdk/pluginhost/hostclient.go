package pluginhost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/wazuh-go/server/sdk"
	hostv1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/host/v1"
	"github.com/wazuh-go/server/sdk/rootfs"
)

// hostClient implements sdk.Host inside the module over the HostService
// broker connection opened once at Configure.
type hostClient struct {
	rpc hostv1.HostServiceClient
	mux *lazyMux
}

// newHostClient returns the module's sdk.Host; hostMinor is the host's
// protocol minor, which says whether wazuh-db calls may use Exchange.
func newHostClient(rpc hostv1.HostServiceClient, hostMinor int32) *hostClient {
	return &hostClient{rpc: rpc, mux: newHostMux(rpc, hostMinor)}
}

func (h *hostClient) QueryWDB(ctx context.Context, command string) (json.RawMessage, error) {
	if m := h.mux.caller(ctx); m != nil {
		return queryWDBExchange(ctx, m, &hostv1.ExchangeRequest{Query: &hostv1.QueryWDBRequest{Command: command}}, nil)
	}
	resp, err := h.rpc.QueryWDB(withoutDeadline(ctx), &hostv1.QueryWDBRequest{Command: command})
	if err != nil {
		return nil, fmt.Errorf("pluginhost: query wdb: %w", err)
	}
	if err := hostErrorFromWire(resp.GetError()); err != nil {
		return nil, err
	}
	return resp.GetPayload(), nil
}

func (h *hostClient) StreamWDB(ctx context.Context, command string, fn func(json.RawMessage) error) error {
	_, err := h.streamWDB(ctx, &hostv1.QueryWDBRequest{Command: command}, fn)
	return err
}

// StreamWDBWithCount implements sdk.CountingStreamer: the count travels in
// the stream's last message, so a listing costs one host call.
// A host older than protocol v1.1 ignores count_command; the count is then
// asked for separately.
func (h *hostClient) StreamWDBWithCount(ctx context.Context, command, countCommand string, fn func(json.RawMessage) error) (json.RawMessage, error) {
	count, err := h.streamWDB(ctx, &hostv1.QueryWDBRequest{Command: command, CountCommand: countCommand}, fn)
	if err == nil && count == nil {
		return h.QueryWDB(ctx, countCommand)
	}
	return count, err
}

// streamWDB runs one QueryWDBStream call, handing each page to fn, and
// returns the count payload when the request asked for one.
func (h *hostClient) streamWDB(ctx context.Context, req *hostv1.QueryWDBRequest, fn func(json.RawMessage) error) (json.RawMessage, error) {
	if m := h.mux.caller(ctx); m != nil {
		return queryWDBExchange(ctx, m, &hostv1.ExchangeRequest{Query: req, Stream: true}, fn)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream, err := h.rpc.QueryWDBStream(withoutDeadline(ctx), req, codecCallOption()) // for aliasedMsg
	if err != nil {
		return nil, fmt.Errorf("pluginhost: stream wdb: %w", err)
	}
	recv := &aliasedMsg{field: payloadField}
	defer recv.release()
	var count json.RawMessage
	for {
		msg := &hostv1.QueryWDBResponse{}
		recv.msg = msg
		err := stream.RecvMsg(recv)
		if errors.Is(err, io.EOF) {
			return count, nil
		}
		if err != nil {
			return nil, fmt.Errorf("pluginhost: stream wdb: %w", err)
		}
		if err := hostErrorFromWire(msg.GetError()); err != nil {
			return nil, err
		}
		if c := msg.GetCountPayload(); c != nil {
			count = json.RawMessage(c)
			recv.release()
			continue
		}
		// fn must not retain the page: its buffer is recycled.
		err = fn(recv.big)
		recv.release()
		if err != nil {
			return nil, err
		}
	}
}

func (h *hostClient) SendSocket(ctx context.Context, socket string, payload []byte) ([]byte, error) {
	resp, err := h.rpc.SendSocket(withoutDeadline(ctx), &hostv1.SendSocketRequest{Socket: socket, Payload: payload})
	if err != nil {
		return nil, fmt.Errorf("pluginhost: send socket: %w", err)
	}
	if err := hostErrorFromWire(resp.GetError()); err != nil {
		return nil, err
	}
	return resp.GetPayload(), nil
}

func (h *hostClient) GetConfig(ctx context.Context, key string) (json.RawMessage, error) {
	resp, err := h.rpc.GetConfig(withoutDeadline(ctx), &hostv1.GetConfigRequest{Path: key})
	if err != nil {
		return nil, fmt.Errorf("pluginhost: get config: %w", err)
	}
	if err := hostErrorFromWire(resp.GetError()); err != nil {
		return nil, err
	}
	return resp.GetValueJson(), nil
}

func (h *hostClient) Files() sdk.Files { return hostFiles{h.rpc} }

// hostFiles implements sdk.Files over HostService.FileOp.
type hostFiles struct{ rpc hostv1.HostServiceClient }

func (f hostFiles) op(ctx context.Context, req *hostv1.FileOpRequest) (*hostv1.FileOpResponse, error) {
	resp, err := f.rpc.FileOp(withoutDeadline(ctx), req)
	if err != nil {
		return nil, fmt.Errorf("pluginhost: file %s %s: %w", req.GetOp(), req.GetPath(), err)
	}
	if err := hostErrorFromWire(resp.GetError()); err != nil {
		return nil, err
	}
	return resp, nil
}

func (f hostFiles) Read(ctx context.Context, path string) ([]byte, error) {
	resp, err := f.op(ctx, &hostv1.FileOpRequest{Op: "read", Path: path})
	if err != nil {
		return nil, err
	}
	return resp.GetData(), nil
}

func (f hostFiles) Write(ctx context.Context, path string, data []byte, mode uint32) error {
	_, err := f.op(ctx, &hostv1.FileOpRequest{Op: "write", Path: path, Data: data, Mode: mode})
	return err
}

func (f hostFiles) List(ctx context.Context, dir string) ([]sdk.FileInfo, error) {
	resp, err := f.op(ctx, &hostv1.FileOpRequest{Op: "list", Path: dir})
	if err != nil {
		return nil, err
	}
	out := make([]sdk.FileInfo, 0, len(resp.GetEntries()))
	for _, e := range resp.GetEntries() {
		out = append(out, fileInfoFromWire(e))
	}
	return out, nil
}

func (f hostFiles) Remove(ctx context.Context, path string) error {
	_, err := f.op(ctx, &hostv1.FileOpRequest{Op: "remove", Path: path})
	return err
}

func (f hostFiles) MkDir(ctx context.Context, path string, mode uint32) error {
	_, err := f.op(ctx, &hostv1.FileOpRequest{Op: "mkdir", Path: path, Mode: mode})
	return err
}

func (f hostFiles) Stat(ctx context.Context, path string) (sdk.FileInfo, error) {
	resp, err := f.op(ctx, &hostv1.FileOpRequest{Op: "stat", Path: path})
	if err != nil {
		return sdk.FileInfo{}, err
	}
	if len(resp.GetEntries()) != 1 {
		return sdk.FileInfo{}, fmt.Errorf("pluginhost: stat %s: %w", path, sdk.ErrNotFound)
	}
	return fileInfoFromWire(resp.GetEntries()[0]), nil
}

func fileInfoFromWire(w *hostv1.FileInfo) sdk.FileInfo {
	return sdk.FileInfo{Name: w.GetName(), IsDir: w.GetIsDir(), Size: w.GetSize(), ModTime: time.Unix(w.GetModTimeUnix(), 0)}
}

// noHost is the Host of a module configured without host services.
type noHost struct{}

func (noHost) QueryWDB(context.Context, string) (json.RawMessage, error) {
	return nil, fmt.Errorf("wdb: %w", sdk.ErrCapability)
}
func (noHost) StreamWDB(context.Context, string, func(json.RawMessage) error) error {
	return fmt.Errorf("wdb: %w", sdk.ErrCapability)
}
func (noHost) SendSocket(context.Context, string, []byte) ([]byte, error) {
	return nil, fmt.Errorf("socket: %w", sdk.ErrCapability)
}
func (noHost) GetConfig(context.Context, string) (json.RawMessage, error) {
	return nil, fmt.Errorf("config: %w", sdk.ErrCapability)
}

// Files refuses every path: no directory is granted without host services.
func (noHost) Files() sdk.Files { return rootfs.New("", nil) }
