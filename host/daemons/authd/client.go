package authd

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/wazuh-go/server/host/socket"
)

// Call sends one request (marshalled to JSON) to the authd socket at path
// and returns its reply, over one connection as authd expects. Transport
// errors carry the socket package's Wazuh codes (1013, 1121, 1014).
func Call(ctx context.Context, path string, request any) (*Response, error) {
	body, err := json.Marshal(request)
	if err != nil {
		return nil, fmt.Errorf("authd: encode request: %w", err)
	}
	conn, err := socket.Dial(ctx, path, 0)
	if err != nil {
		return nil, fmt.Errorf("authd: %w", err)
	}
	defer conn.Close()
	frame, err := conn.Request(ctx, body)
	if err != nil {
		return nil, fmt.Errorf("authd: %w", err)
	}
	var resp Response
	if err := json.Unmarshal(frame, &resp); err != nil {
		return nil, fmt.Errorf("authd: decode reply %q: %w", frame, err)
	}
	return &resp, nil
}

type call struct {
	Function  string `json:"function"`
	Arguments any    `json:"arguments"`
}

// AddAgent sends {"function":"add","arguments":args}. A refusal is returned
// as a *ProtocolError.
func AddAgent(ctx context.Context, path string, args AddArgs) (*AgentData, error) {
	resp, err := Call(ctx, path, call{FunctionAdd, args})
	if err != nil {
		return nil, err
	}
	if err := resp.Err(); err != nil {
		return nil, err
	}
	var data AgentData
	if err := json.Unmarshal(resp.Data, &data); err != nil {
		return nil, fmt.Errorf("authd: decode add reply: %w", err)
	}
	return &data, nil
}

// RemoveAgent sends {"function":"remove","arguments":{"id":id,"purge":purge}}.
// A refusal is returned as a *ProtocolError.
func RemoveAgent(ctx context.Context, path, id string, purge bool) error {
	resp, err := Call(ctx, path, call{FunctionRemove, RemoveArgs{ID: id, Purge: purge}})
	if err != nil {
		return err
	}
	return resp.Err()
}
