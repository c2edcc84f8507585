package authd

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Function names of the authd local protocol.
const (
	FunctionAdd    = "add"    // register an agent
	FunctionRemove = "remove" // remove an agent
	FunctionGet    = "get"    // read one client.keys entry
)

// Request is a parsed authd request. Exactly one of Add, Remove or Get is set,
// matching Function.
type Request struct {
	// Function is "add", "remove" or "get".
	Function string
	// Add holds the arguments of an add request.
	Add *AddArgs
	// Remove holds the arguments of a remove request.
	Remove *RemoveArgs
	// Get holds the agent id of a get request.
	Get *GetArgs
}

// AddArgs are the arguments of {"function":"add","arguments":{...}}.
type AddArgs struct {
	// Name is the agent name (required).
	Name string `json:"name"`
	// IP is "any", an address or a CIDR (required).
	IP string `json:"ip"`
	// ID is an explicit agent id; empty allocates the next one.
	ID string `json:"id,omitempty"`
	// Key is an explicit agent key; empty generates one.
	Key string `json:"key,omitempty"`
	// Groups is a comma-separated list of existing groups; empty means none.
	Groups string `json:"groups,omitempty"`
	// KeyHash is accepted for compatibility and not used (see Force).
	KeyHash string `json:"key_hash,omitempty"`
	// Force holds the replacement rules; nil means the daemon defaults.
	Force *Force `json:"force,omitempty"`
}

// RemoveArgs are the arguments of {"function":"remove","arguments":{...}}.
type RemoveArgs struct {
	// ID is the agent id ("013").
	ID string `json:"id"`
	// Purge drops the client.keys line instead of keeping it as "!name".
	Purge bool `json:"purge"`
}

// GetArgs are the arguments of {"function":"get","arguments":{"id":..}}.
type GetArgs struct {
	// ID is the agent id ("013").
	ID string `json:"id"`
}

// ParseRequest decodes one request frame the way authd's local_dispatch
// does. defaults supplies the force rules used when "force" is absent. The
// error is the reply authd would send.
func ParseRequest(input []byte, defaults Force) (*Request, *ProtocolError) {
	if len(input) == 0 || input[0] != '{' {
		return nil, newError(CodeParseJSON)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(input, &top); err != nil {
		return nil, newError(CodeParseJSON)
	}
	fn, ok := jsonString(top["function"])
	if !ok {
		return nil, newError(CodeNoFunction)
	}
	if fn != FunctionAdd && fn != FunctionRemove && fn != FunctionGet {
		return nil, newError(CodeNoFunction)
	}
	var args map[string]json.RawMessage
	if raw, ok := top["arguments"]; !ok || isNull(raw) || json.Unmarshal(raw, &args) != nil {
		return nil, newError(CodeNoArgument)
	}
	req := &Request{Function: fn}
	switch fn {
	case FunctionAdd:
		a, perr := parseAddArgs(args, defaults)
		if perr != nil {
			return nil, perr
		}
		req.Add = a
	case FunctionRemove:
		id, ok := jsonID(args["id"])
		if !ok {
			return nil, newError(CodeNoID)
		}
		purge := bytes.Equal(bytes.TrimSpace(args["purge"]), []byte("true"))
		req.Remove = &RemoveArgs{ID: id, Purge: purge}
	case FunctionGet:
		id, ok := jsonID(args["id"])
		if !ok {
			return nil, newError(CodeNoID)
		}
		req.Get = &GetArgs{ID: id}
	}
	return req, nil
}

func parseAddArgs(args map[string]json.RawMessage, defaults Force) (*AddArgs, *ProtocolError) {
	a := &AddArgs{}
	var ok bool
	if a.Name, ok = jsonString(args["name"]); !ok {
		return nil, newError(CodeNoName)
	}
	if a.IP, ok = jsonString(args["ip"]); !ok {
		return nil, newError(CodeNoIP)
	}
	if raw, present := args["id"]; present && !isNull(raw) {
		if a.ID, ok = jsonID(raw); !ok {
			return nil, newError(CodeNoID)
		}
	}
	if raw, present := args["key"]; present && !isNull(raw) {
		if a.Key, ok = jsonString(raw); !ok {
			return nil, newError(CodeKey)
		}
	}
	if raw, present := args["groups"]; present && !isNull(raw) {
		if a.Groups, ok = jsonString(raw); !ok {
			return nil, newError(CodeInvalidGroup)
		}
	}
	if raw, present := args["key_hash"]; present && !isNull(raw) {
		if a.KeyHash, ok = jsonString(raw); !ok {
			return nil, newError(CodeParseJSON)
		}
	}
	f := defaults
	if raw, present := args["force"]; present && !isNull(raw) {
		if err := f.merge(raw); err != nil {
			return nil, newError(CodeParseJSON)
		}
	}
	a.Force = &f
	return a, nil
}

func isNull(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// jsonString decodes raw as a JSON string; absent or another type fails.
func jsonString(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 {
		return "", false
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false
	}
	return s, true
}

// jsonID decodes an agent id given as a string ("013") or, leniently, as a
// non-negative JSON integer.
func jsonID(raw json.RawMessage) (string, bool) {
	if s, ok := jsonString(raw); ok {
		return s, true
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return "", false
	}
	v, err := strconv.ParseUint(n.String(), 10, 32)
	if err != nil {
		return "", false
	}
	return strconv.FormatUint(v, 10), true
}
