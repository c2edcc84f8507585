package wdb

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/wazuh-go/server/sdk"
)

// Run sends command again while wazuh-db answers "due" and returns every
// payload, like the framework's run_wdb_command; "err" is error 2007. Use it
// for commands that advance by themselves (sync-agent-groups-get with
// set_synced, sync-agent-info-get, disconnect-agents); commands paged by
// last_id need IDs. A "due" reply identical to the previous one is an error
// rather than an endless loop.
func (c *Client) Run(ctx context.Context, command string) ([]json.RawMessage, error) {
	var out []json.RawMessage
	err := c.run(ctx, command, func(p []byte) error {
		out = append(out, json.RawMessage(p))
		return nil
	})
	return out, err
}

func (c *Client) run(ctx context.Context, command string, fn func([]byte) error) error {
	var prev []byte
	for {
		status, payload, err := c.Exec(ctx, command)
		if err != nil {
			return err
		}
		switch status {
		case StatusOK, StatusDue:
		case StatusErr:
			return sdk.NewError(CodeRetrieve, string(payload))
		default:
			return statusError(status, payload)
		}
		if status == StatusDue && prev != nil && bytes.Equal(prev, payload) {
			return sdk.NewError(CodeRetrieve, "wazuh-db repeated the same chunk of "+command)
		}
		if err := fn(payload); err != nil {
			return err
		}
		if status == StatusOK {
			return nil
		}
		prev = payload
	}
}

// IDs collects the integer arrays of a command paged by last_id
// (get-group-agents, get-all-agents, get-agents-by-connection-status):
// command(lastID) builds each request, starting from start; the next
// last_id is the last id received, until the status is "ok".
func (c *Client) IDs(ctx context.Context, start int64, command func(lastID int64) string) ([]int64, error) {
	var all []int64
	last := start
	for {
		status, payload, err := c.Exec(ctx, command(last))
		if err != nil {
			return nil, err
		}
		if status != StatusDue {
			if err := statusError(status, payload); err != nil {
				return nil, err
			}
		}
		var ids []int64
		if len(payload) > 0 {
			if err := json.Unmarshal(payload, &ids); err != nil {
				return nil, sdk.NewError(CodeBadJSON, clipText(payload))
			}
		}
		all = append(all, ids...)
		if status == StatusOK {
			return all, nil
		}
		if len(ids) == 0 || ids[len(ids)-1] <= last {
			return nil, sdk.NewError(CodeRetrieve, fmt.Sprintf("no progress paging %q", command(last)))
		}
		last = ids[len(ids)-1]
	}
}

// GroupAgents returns the ids of the agents in group (get-group-agents).
func (c *Client) GroupAgents(ctx context.Context, group string) ([]int64, error) {
	return c.IDs(ctx, 0, func(last int64) string {
		return "global get-group-agents " + group + " last_id " + strconv.FormatInt(last, 10)
	})
}

// AgentIDs returns the ids of all agents, the manager (000) included when
// includeManager is set (get-all-agents).
func (c *Client) AgentIDs(ctx context.Context, includeManager bool) ([]int64, error) {
	start := int64(0)
	if includeManager {
		start = -1
	}
	return c.IDs(ctx, start, func(last int64) string {
		return "global get-all-agents last_id " + strconv.FormatInt(last, 10)
	})
}

// AgentIDsByStatus returns the ids of the agents with a connection status
// (get-agents-by-connection-status).
func (c *Client) AgentIDsByStatus(ctx context.Context, status string) ([]int64, error) {
	return c.IDs(ctx, 0, func(last int64) string {
		return "global get-agents-by-connection-status " + strconv.FormatInt(last, 10) + " " + status
	})
}
