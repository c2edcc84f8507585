package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// A group deleted between assign's first existence check and its lock
// (here: while the agents are being looked up) is 1710, and no
// set-agent-groups is sent: wazuh-db would recreate the group's global.db
// row, leaving a group with no etc/shared directory.
func TestAssignToGroupDeletedMeanwhile(t *testing.T) {
	mod := New()
	db := &fakeDB{agents: standardAgents()}
	h := groupHost(t)
	deleted := false
	h.OnWDBFunc("global sql ", func(cmd string) (json.RawMessage, error) {
		if !deleted {
			deleted = true
			if err := h.Files().Remove(context.Background(), "etc/shared/dmz"); err != nil {
				t.Error(err)
			}
		}
		return db.answer(cmd)
	})
	c := sdktest.Serve(t, mod, h, nil)
	for _, req := range []*sdk.Request{
		sdktest.NewRequest(mod.Describe(), routeAssignAgentGroup, "", map[string]string{"agent_id": "001", "group_id": "dmz"}),
		sdktest.NewRequest(mod.Describe(), routeAssignGroupAgents, "group_id=dmz&agents_list=001,002", nil),
	} {
		deleted = false
		if err := h.Files().MkDir(context.Background(), "etc/shared/dmz", 0o770); err != nil {
			t.Fatal(err)
		}
		_, werr := call(t, c, req)
		if werr == nil || werr.Code != 1710 {
			t.Fatalf("%s: want 1710, got %v", req.RouteID, werr)
		}
		if !deleted {
			t.Fatalf("%s: the agents were not looked up", req.RouteID)
		}
	}
	for _, call := range h.Calls() {
		if call.Kind == "wdb" && strings.HasPrefix(call.Target, "global set-agent-groups") {
			t.Fatalf("set-agent-groups sent for a deleted group: %s", call.Target)
		}
	}
}
