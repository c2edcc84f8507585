package main

import (
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk/sdktest"
)

// An offset near MaxInt64 is valid input (offset has no maximum): Python's
// items[offset:offset+limit] is simply empty. offset+limit used to wrap
// negative and panic the handler (500).
func TestGetGroupConfigHugeOffset(t *testing.T) {
	mod := New()
	c := sdktest.Serve(t, mod, groupHost(t), nil)
	for _, q := range []string{"offset=9223372036854775807", "offset=9223372036854775300&limit=500",
		"offset=9223372036854775807&limit=100000"} {
		req := sdktest.NewRequest(mod.Describe(), routeGetGroupConfig, q, map[string]string{"group_id": "dmz"})
		got := mustBody(t, c, req)
		if !strings.Contains(got, `"affected_items": []`) || !strings.Contains(got, `"total_affected_items": 1`) {
			t.Fatalf("%s: %s", q, got)
		}
	}
}

// confData slices within bounds for every offset/limit combination.
func TestConfDataBounds(t *testing.T) {
	data := []byte(defaultAgentConf)
	for _, c := range []struct{ offset, limit, want int }{
		{0, -1, 1}, {0, 500, 1}, {1, 500, 0}, {0, 1, 1}, {2, -1, 0},
		{int(^uint(0) >> 1), 500, 0}, {int(^uint(0)>>1) - 10, 100, 0}, {0, int(^uint(0) >> 1), 1},
	} {
		m, err := confData(data, c.offset, c.limit)
		if err != nil {
			t.Fatal(err)
		}
		items := m[1].v.([]any)
		if len(items) != c.want {
			t.Fatalf("offset %d limit %d: %d items, want %d", c.offset, c.limit, len(items), c.want)
		}
	}
}
