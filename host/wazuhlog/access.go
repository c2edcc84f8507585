package wazuhlog

import "encoding/json"

// RequestArg is the log argument that carries an access-log line's
// *Request: the plain format writes the message alone, the JSON format
// writes the request as a "request" payload (security.md §7).
const RequestArg = "wazuh_request"

// Request is what one API request's access-log line reports, in Wazuh's
// key order.
type Request struct {
	User            string          `json:"user"`
	IP              string          `json:"ip"`
	HTTPMethod      string          `json:"http_method"`
	URI             string          `json:"uri"`
	Parameters      json.RawMessage `json:"parameters"`
	Body            json.RawMessage `json:"body"`
	Time            string          `json:"time"`
	StatusCode      int             `json:"status_code"`
	HashAuthContext string          `json:"hash_auth_context,omitempty"`
}

// String is the request's URI, which is what other hclog formats print.
func (r *Request) String() string { return r.URI }

// takeRequest removes the RequestArg pair from args and returns its value.
func takeRequest(args []any) (*Request, []any) {
	for i := 0; i+1 < len(args); i += 2 {
		if k, ok := args[i].(string); ok && k == RequestArg {
			req, _ := args[i+1].(*Request)
			return req, append(args[:i:i], args[i+2:]...)
		}
	}
	return nil, args
}
