package activeresponse

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// Flags of an ar-queue message: byte 1 'A' all agents / 'N'; byte 2 'R'
// remote agent, '!' non-AR message, 'N'; byte 3 'S' specific agent / 'N'.
const (
	FlagsAgentAR    = "NNS" // AR message to one agent
	FlagsAgentNonAR = "N!S" // non-AR message to one agent
	FlagsAllAR      = "ANN" // AR message to all agents
	FlagsAllNonAR   = "A!N" // non-AR message to all agents
)

// Header starts every message on the ar queue.
const Header = "(msg_to_agent) []"

// NullAgent is written instead of an id when a message targets all agents.
const NullAgent = "(null)"

// Non-AR bodies and suffixes sent by the framework (wazuh_queue.py).
const (
	ForceReconnect  = "force_reconnect"  // reconnect body (non-AR)
	SyscheckRestart = "syscheck restart" // syscheck/rootcheck run body (non-AR)
	RestartLegacy   = "restart-ossec0"   // restart body for agents < v4.2.0
	restartSuffix   = " - null (from_the_server) (no_rule_id)"
	// RestartJSON is RESTART_AGENTS_JSON: Python json.dumps of the restart
	// command, origin.module evaluated at import time ("framework").
	RestartJSON = `{"version": 1, "origin": {"module": "framework"}, "command": "restart-wazuh0", "parameters": {"extra_args": [], "alert": {}}}`
)

// AgentMessage renders "(msg_to_agent) [] <flags> <id|(null)> <body>". An
// empty agentID targets all agents ("(null)").
func AgentMessage(flags, agentID, body string) string {
	if agentID == "" {
		agentID = NullAgent
	}
	return Header + " " + flags + " " + agentID + " " + body
}

func flags(agentID string, nonAR bool) string {
	switch {
	case agentID == "" && nonAR:
		return FlagsAllNonAR
	case agentID == "":
		return FlagsAllAR
	case nonAR:
		return FlagsAgentNonAR
	default:
		return FlagsAgentAR
	}
}

// RestartAgentMessage is the restart sent to an agent (legacy for agents
// older than Wazuh v4.2.0), e.g.
// `(msg_to_agent) [] NNS 001 {"version": 1, ...} - null (from_the_server) (no_rule_id)`.
func RestartAgentMessage(agentID string, legacy bool) string {
	body := RestartJSON
	if legacy {
		body = RestartLegacy
	}
	return AgentMessage(flags(agentID, false), agentID, body+restartSuffix)
}

// ReconnectAgentMessage is `(msg_to_agent) [] N!S 001 force_reconnect`.
func ReconnectAgentMessage(agentID string) string {
	return AgentMessage(flags(agentID, true), agentID, ForceReconnect)
}

// SyscheckRunMessage is `(msg_to_agent) [] N!S 001 syscheck restart`.
func SyscheckRunMessage(agentID string) string {
	return AgentMessage(flags(agentID, true), agentID, SyscheckRestart)
}

// ErrNoCommand is returned for an empty active-response command (API 1650).
var ErrNoCommand = errors.New("activeresponse: command not specified")

type origin struct {
	Name   *string `json:"name"`
	Module string  `json:"module"`
}

type parameters struct {
	ExtraArgs []string        `json:"extra_args"`
	Alert     json.RawMessage `json:"alert"`
}

type command struct {
	Version    int        `json:"version"`
	Origin     any        `json:"origin"`
	Command    string     `json:"command"`
	Parameters parameters `json:"parameters"`
}

func marshalCommand(org any, cmd string, args []string, alert json.RawMessage) (string, error) {
	if args == nil {
		args = []string{}
	}
	if len(bytes.TrimSpace(alert)) == 0 || bytes.Equal(bytes.TrimSpace(alert), []byte("null")) {
		alert = json.RawMessage(`{}`)
	}
	b, err := sdk.MarshalWazuhJSON(command{1, org, cmd, parameters{args, alert}}, false)
	if err != nil {
		return "", fmt.Errorf("activeresponse: encode command: %w", err)
	}
	return string(b), nil
}

// CommandMessage is the active-response message PUT /active-response sends
// to an agent >= v4.2.0 (empty agentID = all agents):
// `(msg_to_agent) [] NNS 001 {"version": 1, "origin": {"name": null,
// "module": "API"}, "command": "cmd", "parameters": {"extra_args": [...],
// "alert": {...}}}`. nodeName is the cluster node name, nil when the cluster
// is disabled. alert keeps the caller's key order.
func CommandMessage(agentID, cmd string, args []string, alert json.RawMessage, nodeName *string) (string, error) {
	if strings.TrimSpace(cmd) == "" {
		return "", ErrNoCommand
	}
	body, err := marshalCommand(origin{Name: nodeName, Module: "API"}, cmd, args, alert)
	if err != nil {
		return "", err
	}
	return AgentMessage(flags(agentID, false), agentID, body), nil
}

// ManagerRestartMessage is the execq datagram of PUT /manager/restart:
// `{"version": 1, "origin": {"module": "API"}, "command": "restart-wazuh",
// "parameters": {"extra_args": [], "alert": {}}}` with module = originModule.
func ManagerRestartMessage(originModule string) string {
	s, _ := marshalCommand(struct {
		Module string `json:"module"`
	}{originModule}, "restart-wazuh", nil, nil)
	return s
}

// AgentRequest is a parsed ar-queue message.
type AgentRequest struct {
	// Flags is the 3-character flag field ("NNS", "N!S", "ANN", "A!N").
	Flags string
	// AgentID is the target id, "" for all agents.
	AgentID string
	// Body is everything after the id.
	Body string
}

// ErrARFormat is returned for a message that is not an ar-queue message.
var ErrARFormat = errors.New("activeresponse: invalid ar message")

// ParseAgentMessage parses "(msg_to_agent) [] <flags> <id|(null)> <body>".
func ParseAgentMessage(msg string) (AgentRequest, error) {
	rest, ok := strings.CutPrefix(msg, Header+" ")
	if !ok {
		return AgentRequest{}, fmt.Errorf("%w: missing %q header", ErrARFormat, Header)
	}
	parts := strings.SplitN(rest, " ", 3)
	if len(parts) != 3 || len(parts[0]) != 3 || parts[1] == "" {
		return AgentRequest{}, fmt.Errorf("%w: expected \"<flags> <agent> <body>\"", ErrARFormat)
	}
	r := AgentRequest{Flags: parts[0], AgentID: parts[1], Body: parts[2]}
	if r.AgentID == NullAgent {
		r.AgentID = ""
	}
	return r, nil
}
