package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// The access log's "parameters" and "body" are what Wazuh's middleware
// logs: json.dumps of a dict (", " and ": " separators, non-ASCII escaped,
// keys in the order received), top-level password (and key on /agents
// paths) replaced by "****" (security.md §7).

const maskedValue = `"****"`

// sanitizedQuery is the query as a dict: each key once, in the order of
// its first appearance, with its last value (dict(request.query_params)).
func sanitizedQuery(r *http.Request) string {
	values := queryValues(r)
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range query.RawQueryKeys(r.URL.RawQuery) {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, k)
		b.WriteByte(':')
		if k == "password" {
			b.WriteString(maskedValue)
			continue
		}
		v := values[k]
		writeJSONString(&b, v[len(v)-1])
	}
	b.WriteByte('}')
	return string(sdk.PythonizeJSON(b.Bytes(), false))
}

// sanitizedBody is the JSON object body with its keys in document order;
// anything else (XML, a JSON array, bytes) logs as {}.
func sanitizedBody(r *http.Request, body []byte) string {
	fields, ok := objectFields(body)
	if !ok {
		return "{}"
	}
	if r.URL.Path == "/events" {
		for _, f := range fields {
			var ev []json.RawMessage
			if f.key == "events" && json.Unmarshal(f.value, &ev) == nil {
				b, _ := json.Marshal(map[string]int{"events": len(ev)})
				return string(sdk.PythonizeJSON(b, false))
			}
		}
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, f.key)
		b.WriteByte(':')
		if f.key == "password" || (f.key == "key" && strings.Contains(r.URL.Path, "/agents")) {
			b.WriteString(maskedValue)
			continue
		}
		b.Write(f.value)
	}
	b.WriteByte('}')
	return string(sdk.PythonizeJSON(b.Bytes(), false))
}

// objectField is one top-level member of a JSON object.
type objectField struct {
	key   string
	value json.RawMessage
}

// objectFields splits a JSON object into its members in document order; a
// repeated key keeps its first position and its last value, as Python's
// json.loads does.
func objectFields(body []byte) ([]objectField, bool) {
	if !json.Valid(body) {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	var fields []objectField
	at := map[string]int{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, false
		}
		if i, dup := at[key]; dup {
			fields[i].value = v
			continue
		}
		at[key] = len(fields)
		fields = append(fields, objectField{key: key, value: v})
	}
	return fields, true
}

// writeJSONString writes s as a JSON string, leaving <, > and & as they
// are (json.dumps does not escape them).
func writeJSONString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Truncate(b.Len() - 1) // Encode's newline
}
