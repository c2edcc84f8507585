package wazuhlog

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
)

// request is the payload of a JSON access-log line, in Wazuh's key order.
type request struct {
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

var (
	// accessTail is ` done in <t>s: <status>` at the end of an access line.
	accessTail = regexp.MustCompile(`^(.*) done in ([0-9.]+s): ([0-9]{3})$`)
	// accessHead is `<user> <ip> "<METHOD> <path>` before the parameters.
	accessHead = regexp.MustCompile(`^(.*?) (\S+) "([A-Z]+) (.*)$`)
	// hashSuffix is the ` (<hash_auth_context>)` of run_as users.
	hashSuffix = regexp.MustCompile(`^(.*) \(([0-9a-f]+)\)$`)
)

const paramsMark = `" with parameters `

// parseAccess reads the host's plain access-log message back into its
// fields: `<user>[ (<hash>)] <ip> "<METHOD> <path>" with parameters <json>
// and body <json> done in <t>s: <status>`.
func parseAccess(msg string) (*request, bool) {
	m := accessTail.FindStringSubmatch(msg)
	if m == nil {
		return nil, false
	}
	status, _ := strconv.Atoi(m[3])
	req := &request{Time: m[2], StatusCode: status}
	rest := m[1]
	// The path may contain the marker; the split is the one after which
	// the parameters and body are exactly two JSON documents.
	for off := 0; ; {
		i := strings.Index(rest[off:], paramsMark)
		if i < 0 {
			return nil, false
		}
		head, tail := rest[:off+i], rest[off+i+len(paramsMark):]
		off += i + 1
		params, body, ok := splitJSONPair(tail)
		h := accessHead.FindStringSubmatch(head)
		if !ok || h == nil {
			continue
		}
		req.User, req.IP, req.HTTPMethod = h[1], h[2], h[3]
		req.URI = h[3] + " " + h[4]
		if hm := hashSuffix.FindStringSubmatch(req.User); hm != nil {
			req.User, req.HashAuthContext = hm[1], hm[2]
		}
		req.Parameters, req.Body = params, body
		return req, true
	}
}

// splitJSONPair splits `<json> and body <json>`.
func splitJSONPair(s string) (json.RawMessage, json.RawMessage, bool) {
	dec := json.NewDecoder(strings.NewReader(s))
	var params json.RawMessage
	if dec.Decode(&params) != nil {
		return nil, nil, false
	}
	rest, ok := strings.CutPrefix(s[dec.InputOffset():], " and body ")
	if !ok || !json.Valid([]byte(rest)) {
		return nil, nil, false
	}
	return compact(params), compact(json.RawMessage(rest)), true
}

func compact(raw json.RawMessage) json.RawMessage {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return raw
	}
	return b.Bytes()
}
