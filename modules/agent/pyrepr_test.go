package main

import (
	"testing"

	"github.com/wazuh-go/server/sdk/sdktest"
)

// jsonschema prints the instance of a type error with Python's repr of
// the decoded body (found end to end: POST /agents with a JSON list).
func TestBodyTypeErrorsUsePythonRepr(t *testing.T) {
	mod := New()
	c := sdktest.Direct(t, mod, authdHost(t, `{"error":0}`), nil)
	for body, want := range map[string]string{
		`["web09"]`:                         "['web09'] is not of type 'object'",
		`[1, 2.50, true, null, {"a": "b"}]`: "[1, 2.5, True, None, {'a': 'b'}] is not of type 'object'",
		`"x"`:                               "'x' is not of type 'object'",
		`1e5`:                               "100000.0 is not of type 'object'",
		`{"name":["a","it's"]}`:             `['a', "it's"] is not of type 'string' - 'name'`,
		`{"name":{"b":1,"a":-0}}`:           "{'b': 1, 'a': 0} is not of type 'string' - 'name'",
		`{"name":1e16}`:                     "1e+16 is not of type 'string' - 'name'",
		`{"name":0.00001}`:                  "1e-05 is not of type 'string' - 'name'",
		`{"name":1e400}`:                    "inf is not of type 'string' - 'name'",
	} {
		req := sdktest.NewRequest(mod.Describe(), routeAddAgent, "", nil)
		req.Body = []byte(body)
		if _, werr := call(t, c, req); werr == nil || werr.Message != want {
			t.Errorf("%s: got %+v, want %q", body, werr, want)
		}
	}
	req := sdktest.NewRequest(mod.Describe(), routeInsertAgent, "", nil)
	req.Body = []byte(`{"name":"x","force":[true]}`)
	if _, werr := call(t, c, req); werr == nil || werr.Message != "[True] is not of type 'object' - 'force'" {
		t.Errorf("force: got %+v", werr)
	}
}
