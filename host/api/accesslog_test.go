package api

import (
	"net/http/httptest"
	"testing"
)

// The access log's parameters and body read as Python's json.dumps of the
// dicts Wazuh builds (security.md §7): keys in the order received, the last
// value of a repeated query key, ", " and ": " separators, non-ASCII
// escaped, <>& left alone, top-level secrets masked.
func TestAccessLogFieldsAreJSONDumpsOfTheRequestDicts(t *testing.T) {
	for _, tc := range []struct {
		name, target, body, wantQuery, wantBody string
	}{
		{"query order and last value", "/agents?select=id&limit=2&q=name%3Da%3Cb&limit=5&password=s3cret", "",
			`{"select": "id", "limit": "5", "q": "name=a<b", "password": "****"}`, "{}"},
		{"body order, nesting and masking", "/security/users", `{"username":"u","password":"p","key":"k","nested":{"b":1,"a":[true,null]},"é":"ü"}`,
			"{}", `{"username": "u", "password": "****", "key": "k", "nested": {"b": 1, "a": [true, null]}, "\u00e9": "\u00fc"}`},
		{"key masked on agents paths", "/agents/insert", `{"name":"n","key":"secretkey","id":"010"}`,
			"{}", `{"name": "n", "key": "****", "id": "010"}`},
		{"repeated body key keeps its place and last value", "/x", `{"a":1,"b":2,"a":3}`, "{}", `{"a": 3, "b": 2}`},
		{"events summarized", "/events", `{"events":["a","b","c"]}`, "{}", `{"events": 3}`},
		{"xml body", "/groups/g/configuration", `<agent_config></agent_config>`, "{}", "{}"},
		{"array body", "/x", `[1,2]`, "{}", "{}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", tc.target, nil)
			if got := sanitizedQuery(r); got != tc.wantQuery {
				t.Errorf("parameters %s, want %s", got, tc.wantQuery)
			}
			if got := sanitizedBody(r, []byte(tc.body)); got != tc.wantBody {
				t.Errorf("body %s, want %s", got, tc.wantBody)
			}
		})
	}
}
