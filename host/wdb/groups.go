package wdb

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/wazuh-go/server/sdk"
)

// AgentGroups is one agent's entry of a set-agent-groups command.
type AgentGroups struct {
	// ID is the agent id.
	ID int64 `json:"id"`
	// Groups are group names in priority order.
	Groups []string `json:"groups"`
}

// Group assignment modes of set-agent-groups.
const (
	ModeOverride  = "override"
	ModeAppend    = "append"
	ModeEmptyOnly = "empty_only"
	ModeRemove    = "remove"
)

// maxCommandBytes leaves room under the 64 KiB frame for the command text.
const maxCommandBytes = 60 * 1024

// SetAgentGroups sends "global set-agent-groups" with mode (ModeOverride,
// ModeAppend, ModeEmptyOnly or ModeRemove) and syncStatus ("syncreq" or
// "synced"), split into as many commands as needed to fit the frame limit.
// wazuh-db's "err" is error 2003.
func (c *Client) SetAgentGroups(ctx context.Context, mode, syncStatus string, items []AgentGroups) error {
	head := fmt.Sprintf(`global set-agent-groups {"mode":%q,"sync_status":%q,"data":[`, mode, syncStatus)
	cmd := []byte(head)
	n := 0
	flush := func() error {
		if n == 0 {
			return nil
		}
		status, payload, err := c.Exec(ctx, string(append(cmd, "]}"...)))
		if err != nil {
			return err
		}
		cmd, n = append(cmd[:0], head...), 0
		return statusError(status, payload)
	}
	for _, it := range items {
		b, err := json.Marshal(it)
		if err != nil {
			return fmt.Errorf("wdb: encode agent groups: %w", err)
		}
		if len(head)+len(b)+2 > maxCommandBytes {
			return sdk.NewError(CodeInvalidQuery, fmt.Sprintf("groups of agent %d do not fit in one request", it.ID))
		}
		if len(cmd)+1+len(b)+2 > maxCommandBytes {
			if err := flush(); err != nil {
				return err
			}
		}
		if n > 0 {
			cmd = append(cmd, ',')
		}
		cmd = append(cmd, b...)
		n++
	}
	return flush()
}
