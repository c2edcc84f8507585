package main

import (
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk/sdktest"
)

// A repeated id in agents_list is one failed item: Wazuh keeps a set of
// ids per error.
func TestGetAgentsRepeatedIDsFailOnce(t *testing.T) {
	mod := New()
	db := &fakeDB{agents: standardAgents(), listing: `[{"name":"web01","id":1}]`, count: 1}
	c := sdktest.Direct(t, mod, newTestHost(t, db), nil)
	req := scoped(sdktest.NewRequest(mod.Describe(), routeGetAgents, "agents_list=999,001,999,002,002&select=name", nil),
		"agent:read", "001", "999")
	body := mustBody(t, c, req)
	for _, want := range []string{`"total_failed_items": 2`, `"id": ["999"]}`, `"id": ["002"]}`} {
		if !strings.Contains(body, want) {
			t.Fatalf("missing %s in %s", want, body)
		}
	}
}
