package sdk

import (
	"encoding/json"
	"net/http"
)

// WazuhResult is Wazuh's plain result envelope: {"data": ..., "message": ...,
// "error": 0} with data and message omitted when empty (api-surface.md §2.1).
type WazuhResult struct {
	// Data is the payload; omitted when nil.
	Data any `json:"data,omitempty"`
	// Message is omitted when empty.
	Message string `json:"message,omitempty"`
	// Error is always 0 for a WazuhResult.
	Error int `json:"error"`
}

// JSON builds a Response with status and v encoded as Wazuh JSON
// (application/json). Use pretty from Request.Pretty.
func JSON(status int, v any, pretty bool) (*Response, error) {
	body, err := MarshalWazuhJSON(v, pretty)
	if err != nil {
		return nil, err
	}
	return &Response{Status: status, Header: http.Header{"Content-Type": {"application/json"}}, Body: body}, nil
}

// OK encodes v as a 200 Wazuh JSON response for req.
func OK(req *Request, v any) (*Response, error) {
	return JSON(http.StatusOK, v, req.Pretty())
}

// RawJSON is a helper alias so modules can embed pre-encoded JSON (for
// example rows straight from wazuh-db) in results without re-decoding.
type RawJSON = json.RawMessage
