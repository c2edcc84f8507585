package main

import (
	"testing"

	"github.com/wazuh-go/server/sdk/sdktest"
)

// Without fields Wazuh raises TypeError (500 code 1000); bad input is a
// 400 here, worded as connexion words a missing required parameter.
func TestDistinctWithoutFieldsIsBadRequest(t *testing.T) {
	mod := New()
	c := sdktest.Serve(t, mod, newTestHost(t, &fakeDB{agents: standardAgents()}), nil)
	_, werr := call(t, c, sdktest.NewRequest(mod.Describe(), routeDistinct, "", nil))
	if werr == nil || werr.Status() != 400 || werr.Message != "Missing query parameter 'fields'" {
		t.Fatalf("got %v", werr)
	}
}
