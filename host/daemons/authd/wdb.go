package authd

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
)

// WDB sends one wazuh-db protocol command ("global insert-agent {...}") and
// returns the reply split into its status ("ok", "due", "err", "ign", "unk")
// and payload. err is for transport failures only. The host wires the real
// client (host/wdb) here; it works against the embedded and the real
// wazuh-db alike.
type WDB interface {
	Exec(ctx context.Context, command string) (status string, payload []byte, err error)
}

// StatusOK is the wazuh-db success status.
const StatusOK = "ok"

// insertAgent is the JSON argument of "global insert-agent", in the key
// order of wdb_insert_agent (cJSON, unformatted; NULLs written as null).
type insertAgent struct {
	ID          int     `json:"id"`
	Name        string  `json:"name"`
	IP          *string `json:"ip"`
	RegisterIP  string  `json:"register_ip"`
	InternalKey string  `json:"internal_key"`
	Group       *string `json:"group"`
	DateAdd     int64   `json:"date_add"`
}

// InsertAgentCommand renders the "global insert-agent" command authd sends
// for a new agent: ip is NULL (remoted fills it), register_ip is the
// registration IP, group is the CSV or NULL.
func InsertAgentCommand(id int, name, registerIP, key, groupsCSV string, dateAdd int64) string {
	a := insertAgent{ID: id, Name: name, RegisterIP: registerIP, InternalKey: key, DateAdd: dateAdd}
	if groupsCSV != "" {
		a.Group = &groupsCSV
	}
	return "global insert-agent " + string(encodeJSON(a))
}

// SetAgentGroupsCommand renders the "global set-agent-groups" command authd
// sends when an add request names groups (mode override).
func SetAgentGroupsCommand(id int, groups []string, syncStatus string) string {
	type agent struct {
		ID     int      `json:"id"`
		Groups []string `json:"groups"`
	}
	v := struct {
		Mode       string  `json:"mode"`
		SyncStatus string  `json:"sync_status"`
		Data       []agent `json:"data"`
	}{"override", syncStatus, []agent{{id, groups}}}
	return "global set-agent-groups " + string(encodeJSON(v))
}

// DeleteAgentCommand renders "global delete-agent <id>".
func DeleteAgentCommand(id int) string { return "global delete-agent " + strconv.Itoa(id) }

// RemoveAgentDBCommand renders "wazuhdb remove <id>", which deletes the
// agent's queue/db/NNN.db.
func RemoveAgentDBCommand(id int) string { return "wazuhdb remove " + strconv.Itoa(id) }

// AgentInfoCommand renders "global get-agent-info <id>".
func AgentInfoCommand(id int) string { return "global get-agent-info " + strconv.Itoa(id) }

// agentInfo is the subset of the global.db agent row used by the force rules.
type agentInfo struct {
	ConnectionStatus  string  `json:"connection_status"`
	DisconnectionTime float64 `json:"disconnection_time"`
	DateAdd           float64 `json:"date_add"`
}

// execOK runs command and fails unless the reply status is "ok".
func execOK(ctx context.Context, w WDB, command string) ([]byte, error) {
	status, payload, err := w.Exec(ctx, command)
	if err != nil {
		return nil, fmt.Errorf("authd: wazuh-db %q: %w", command, err)
	}
	if status != StatusOK {
		return nil, fmt.Errorf("authd: wazuh-db %q: %s %s", command, status, payload)
	}
	return payload, nil
}

// getAgentInfo asks wazuh-db for the agent row; found is false when the
// agent has no row.
func getAgentInfo(ctx context.Context, w WDB, id int) (info agentInfo, found bool, err error) {
	payload, err := execOK(ctx, w, AgentInfoCommand(id))
	if err != nil {
		return info, false, err
	}
	var rows []agentInfo
	if err := json.Unmarshal(payload, &rows); err != nil {
		return info, false, fmt.Errorf("authd: decode get-agent-info reply: %w", err)
	}
	if len(rows) == 0 {
		return info, false, nil
	}
	return rows[0], true, nil
}
