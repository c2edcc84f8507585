package main

import (
	"reflect"
	"testing"

	"github.com/wazuh-go/server/sdk/sdktest"
)

// The routes reach the host as declared. In particular the operations
// that take no query parameter besides pretty and wait_for_complete (POST
// /groups, PUT /groups/{group_id}/configuration, GET /overview/agents, …)
// keep their empty QueryParams, so the host answers Wazuh's "Extra query
// parameter(s)" 400 instead of passing unknown parameters on.
func TestRoutesCrossTheGlueIntact(t *testing.T) {
	want := New().Describe().Routes
	got := sdktest.Describe(t, New()).Routes
	if len(got) != len(want) {
		t.Fatalf("%d routes through the glue, %d declared", len(got), len(want))
	}
	empty := 0
	for i := range want {
		if want[i].QueryParams != nil && len(want[i].QueryParams) == 0 {
			empty++
			if got[i].QueryParams == nil {
				t.Errorf("%s: empty QueryParams arrived unchecked", want[i].ID)
			}
		}
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s:\n got %+v\nwant %+v", want[i].ID, got[i], want[i])
		}
	}
	if empty == 0 {
		t.Fatal("no route declares an empty QueryParams")
	}
}
