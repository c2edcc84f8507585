package main

import (
	"context"
	"testing"

	"github.com/wazuh-go/server/sdk/sdktest"
)

// 1128 and 3013 are raised by Wazuh's controllers before the DAPI, so
// their problem bodies have no dapi_errors (api-surface.md §3); found end
// to end, where the host added them to the handler's error.
func TestControllerErrorsHaveNoDAPIErrors(t *testing.T) {
	mod := New()
	c := sdktest.Direct(t, mod, newTestHost(t, &fakeDB{agents: standardAgents()}), nil)
	cases := []struct {
		route  string
		params map[string]string
		want   string
	}{
		{routeAgentConfig, map[string]string{"agent_id": "001", "component": "agent", "configuration": "global"},
			`{"title": "Bad Request", "detail": "Invalid configuration for the given component: Valid configuration values for 'agent': {'client', 'buffer', 'labels', 'internal', 'anti_tampering'}", "error": 1128}`},
		{routeRestartNode, map[string]string{"node_id": "node01"},
			"{\"title\": \"Bad Request\", \"detail\": \"Cluster is not running, it might be disabled in `WAZUH_HOME/etc/ossec.conf`\", \"error\": 3013}"},
	}
	for _, tc := range cases {
		resp, err := c.Handle(context.Background(), sdktest.NewRequest(mod.Describe(), tc.route, "", tc.params))
		if err != nil || resp.Status != 400 || string(resp.Body) != tc.want ||
			resp.Header.Get("Content-Type") != "application/problem+json; charset=utf-8" {
			t.Errorf("%s: %v %+v", tc.route, err, resp)
		}
	}
}
