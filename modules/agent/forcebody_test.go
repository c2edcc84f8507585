package main

import (
	"encoding/json"
	"testing"

	"github.com/wazuh-go/server/sdk/sdktest"
)

// POST /agents/insert validates the properties of "force" as connexion
// does (AgentInsertForce), before anything reaches authd: a bad timeframe
// used to come back from authd as a 500 (1725).
func TestInsertAgentForceSchema(t *testing.T) {
	mod := New()
	h := authdHost(t, `{"error":9002,"message":"Parsing JSON input"}`)
	c := sdktest.Direct(t, mod, h, nil)
	for body, want := range map[string]string{
		`{"name":"x","force":{"enabled":"yes"}}`:                            "'yes' is not of type 'boolean' - 'force.enabled'",
		`{"name":"x","force":{"enabled":null}}`:                             "None is not of type 'boolean' - 'force.enabled'",
		`{"name":"x","force":{"disconnected_time":true}}`:                   "True is not of type 'object' - 'force.disconnected_time'",
		`{"name":"x","force":{"disconnected_time":{"enabled":1}}}`:          "1 is not of type 'boolean' - 'force.disconnected_time.enabled'",
		`{"name":"x","force":{"disconnected_time":{"value":"abc"}}}`:        "'abc' is not a 'timeframe' - 'force.disconnected_time.value'",
		`{"name":"x","force":{"disconnected_time":{"value":3600}}}`:         "3600 is not of type 'string' - 'force.disconnected_time.value'",
		`{"name":"x","force":{"after_registration_time":"1y"}}`:             "'1y' is not a 'timeframe' - 'force.after_registration_time'",
		`{"force":{"enabled":"no"}}`:                                        "'no' is not of type 'boolean' - 'force.enabled'",
		`{"name":"x","force":{"enabled":true,"after_registration_time":5}}`: "5 is not of type 'string' - 'force.after_registration_time'",
	} {
		req := sdktest.NewRequest(mod.Describe(), routeInsertAgent, "", nil)
		req.Body = []byte(body)
		if _, werr := call(t, c, req); werr == nil || werr.Code != 0 || werr.Message != want {
			t.Errorf("%s: got %+v, want %q", body, werr, want)
		}
	}
	for _, cl := range h.Calls() {
		if cl.Target == "auth" {
			t.Fatalf("an invalid body reached authd: %s", cl.Payload)
		}
	}
}

// A valid force object is sent to authd with its defaults filled in.
func TestInsertAgentForceDefaults(t *testing.T) {
	mod := New()
	h := authdHost(t, `{"error":0,"data":{"id":"013","name":"x","ip":"any","key":"k"}}`)
	c := sdktest.Direct(t, mod, h, nil)
	req := sdktest.NewRequest(mod.Describe(), routeInsertAgent, "", nil)
	req.Body = []byte(`{"name":"x","force":{"disconnected_time":{"value":"2d"},"after_registration_time":"30"}}`)
	mustBody(t, c, req)
	var sent struct {
		Arguments struct {
			Force forceJSON `json:"force"`
		} `json:"arguments"`
	}
	for _, cl := range h.Calls() {
		if cl.Target == "auth" {
			_ = json.Unmarshal(cl.Payload, &sent)
		}
	}
	f := sent.Arguments.Force
	if !f.Enabled || !f.DisconnectedTime.Enabled || f.DisconnectedTime.Value != "2d" ||
		f.AfterRegistrationTime != "30" || !f.KeyMismatch {
		t.Fatalf("force sent %+v", f)
	}
}
