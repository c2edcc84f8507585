package main

import (
	"testing"

	"github.com/wazuh-go/server/sdk/sdktest"
)

// Wazuh's delete_agents and upgrade_agents run their eligibility query
// (and so validate q) whenever the permitted list is not empty, even when
// none of its ids exists (found end to end: DELETE /agents?agents_list=999
// with a bad q answered 200 with 1701). "all" without any permitted agent
// skips the query, as the framework's empty list does.
func TestEligibilityQueryValidatesQForUnknownIDs(t *testing.T) {
	mod := New()
	c := sdktest.Direct(t, mod, newTestHost(t, &fakeDB{agents: standardAgents()}), nil)
	for route, q := range map[string]string{
		routeDeleteAgents:  "agents_list=999&status=all&q=bogus%3D1",
		routeUpgradeAgents: "agents_list=999&q=bogus%3D1",
		routeUpgradeResult: "agents_list=000&q=bogus%3D1",
	} {
		if _, werr := call(t, c, sdktest.NewRequest(mod.Describe(), route, q, nil)); werr == nil || werr.Code != 1408 {
			t.Errorf("%s?%s: got %+v, want 1408", route, q, werr)
		}
	}
	req := scoped(sdktest.NewRequest(mod.Describe(), routeDeleteAgents, "agents_list=all&status=all&q=bogus%3D1", nil), "agent:delete")
	if body := mustBody(t, c, req); body != `{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 0, "failed_items": []}, "message": "No agents were deleted", "error": 0}` {
		t.Errorf("all without permitted agents: %s", body)
	}
}
