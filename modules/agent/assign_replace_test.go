package main

import (
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk/sdktest"
)

// force_single_group replaces the agent's groups only when the caller may
// modify the assignments of every group it leaves (Wazuh's replace_list,
// expanded from group:modify_assignments); otherwise 1752, dropped in
// "all" mode like 1751.
func TestForceSingleGroupNeedsEveryCurrentGroup(t *testing.T) {
	mod := New()
	c := sdktest.Direct(t, mod, groupHost(t), nil)
	one := func(scope ...string) string {
		req := sdktest.NewRequest(mod.Describe(), routeAssignAgentGroup, "force_single_group=true",
			map[string]string{"agent_id": "003", "group_id": "default"})
		return mustBody(t, c, scoped(req, "group:modify_assignments", scope...))
	}
	body := one("default")
	for _, want := range []string{`"affected_items": []`, `"code": 1752, "message": "Could not force single group for the agent"`,
		`"id": ["003"]`, `"message": "No agents were assigned to default", "error": 1`} {
		if !strings.Contains(body, want) {
			t.Fatalf("missing %s in %s", want, body)
		}
	}
	if body := one("default", "dmz"); !strings.Contains(body, `"affected_items": ["003"]`) {
		t.Fatalf("permitted replace: %s", body)
	}
	req := sdktest.NewRequest(mod.Describe(), routeAssignGroupAgents, "group_id=default&force_single_group=true", nil)
	body = mustBody(t, c, scoped(req, "group:modify_assignments", "default"))
	if !strings.Contains(body, `"affected_items": ["004"], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []`) {
		t.Fatalf("all mode: %s", body)
	}
}
