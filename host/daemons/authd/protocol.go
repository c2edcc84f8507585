package authd

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Error codes of authd's local socket (src/os_auth/local-server.c). The API
// maps CodeDuplicateIP to 1706, CodeDuplicateName to 1705 and
// CodeDuplicateID to 1708; anything else to 1725.
const (
	CodeInternal       = 9001 // Internal error
	CodeParseJSON      = 9002 // Parsing JSON input
	CodeNoFunction     = 9003 // No such function
	CodeNoArgument     = 9004 // No such argument
	CodeNoName         = 9005 // No such name
	CodeNoIP           = 9006 // No such IP
	CodeDuplicateIP    = 9007 // Duplicate IP
	CodeDuplicateName  = 9008 // Duplicate name
	CodeKey            = 9009 // Issue generating key
	CodeNoID           = 9010 // No such agent ID
	CodeAgentNotFound  = 9011 // Agent ID not found
	CodeDuplicateID    = 9012 // Duplicate ID
	CodeAgentLimit     = 9013 // Maximum number of agents reached
	CodeInvalidGroup   = 9014 // Invalid Group(s) Name(s)
	CodeNotMasterNode  = 9015 // agent addition only allowed on the master
	codeFirst, codeEnd = CodeInternal, CodeNotMasterNode + 1
)

var codeMessages = [codeEnd - codeFirst]string{
	"Internal error",
	"Parsing JSON input",
	"No such function",
	"No such argument",
	"No such name",
	"No such IP",
	"Duplicate IP",
	"Duplicate name",
	"Issue generating key",
	"No such agent ID",
	"Agent ID not found",
	"Duplicate ID",
	"Maximum number of agents reached",
	"Invalid Group(s) Name(s)",
	"Agent addition is only allowed on master node",
}

// CodeMessage returns authd's message for one of the 90xx codes.
func CodeMessage(code int) string {
	if code < codeFirst || code >= codeEnd {
		return fmt.Sprintf("Unknown error %d", code)
	}
	return codeMessages[code-codeFirst]
}

// ProtocolError is an authd error reply: {"error":<Code>,"message":<Message>}.
type ProtocolError struct {
	// Code is one of the 90xx codes.
	Code int
	// Message is authd's message for Code.
	Message string
}

// Error implements error.
func (e *ProtocolError) Error() string {
	return fmt.Sprintf("authd error %d: %s", e.Code, e.Message)
}

func newError(code int) *ProtocolError {
	return &ProtocolError{Code: code, Message: CodeMessage(code)}
}

// Response is one authd reply. Success is {"error":0,"data":<Data>}; failure
// is {"error":<code>,"message":<msg>}.
type Response struct {
	// Error is 0 on success or a 90xx code.
	Error int `json:"error"`
	// Message is set on failure.
	Message string `json:"message,omitempty"`
	// Data is set on success.
	Data json.RawMessage `json:"data,omitempty"`
}

// Err returns the reply as a *ProtocolError, or nil on success.
func (r *Response) Err() error {
	if r.Error == 0 {
		return nil
	}
	return &ProtocolError{Code: r.Error, Message: r.Message}
}

// AgentData is the "data" object of a successful add (and get) reply.
type AgentData struct {
	// ID is the zero-padded agent id ("013").
	ID string `json:"id"`
	// Name is the agent name.
	Name string `json:"name"`
	// IP is the registration IP ("any", an address or a CIDR).
	IP string `json:"ip"`
	// Key is the 64-hex-character agent key.
	Key string `json:"key"`
}

// RemoveOK is the "data" string of a successful remove reply.
const RemoveOK = "Agent deleted successfully."

// encodeJSON marshals like cJSON_PrintUnformatted: compact, no HTML escaping.
func encodeJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only reachable with unencodable types, which this package never uses.
		return []byte(fmt.Sprintf(`{"error":%d,"message":"%s"}`, CodeInternal, CodeMessage(CodeInternal)))
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// errorReply encodes an error reply.
func errorReply(e *ProtocolError) []byte {
	return encodeJSON(Response{Error: e.Code, Message: e.Message})
}

// dataReply encodes a success reply carrying data.
func dataReply(data any) []byte {
	return encodeJSON(struct {
		Error int `json:"error"`
		Data  any `json:"data"`
	}{0, data})
}
