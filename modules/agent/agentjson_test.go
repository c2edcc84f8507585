package main

import (
	"reflect"
	"strings"
	"testing"
)

// allAgentColumns are the columns of a listing without select.
var allAgentColumns = []string{"id", "name", "ip", "status", "os.name", "os.version", "os.platform", "version",
	"manager", "dateAdd", "group", "mergedSum", "configSum", "os.codename", "os.major", "os.minor", "os.uname",
	"os.arch", "os.build", "node_name", "lastKeepAlive", "registerIP", "disconnection_time", "group_config_status",
	"status_code"}

// TestAppendAgentEdgeValues pins the rendering of unusual wazuh-db values:
// escapes and non-ASCII text, empty and doubled group separators, dates as
// floats, before year 1 and past int64 seconds, ids as text, unknown keys,
// NULLs, keys out of column order.
func TestAppendAgentEdgeValues(t *testing.T) {
	page := `[{"id":7,"name":"caf\u00e9 \"q\" \\","ip":"é日本😀x","status":"active","dateAdd":1.5e9,"group":"a,b,,c",` +
		`"lastKeepAlive":253402300799,"disconnection_time":0,"os.name":"Ubuntu","os.major":"20","status_code":3},` +
		`{"id":12345,"name":"n","dateAdd":-62135596801,"lastKeepAlive":99999999999999999999,"disconnection_time":1700000000,` +
		`"group":"","os.uname":"Linux |x","configSum":null},` +
		`{"name":"no id","id":"0042","group":"x\\\\,y","registerIP":"any","zzz":1,"dateAdd":"2024-01-01"}]`
	for _, tc := range []struct {
		sel  []string
		want string
	}{
		{allAgentColumns, `{"os": {"major": "20", "name": "Ubuntu"}, "lastKeepAlive": "9999-12-31T23:59:59+00:00", "id": "007", "dateAdd": "2017-07-14T02:40:00+00:00", "group": ["a", "b", "", "c"], "ip": "\u00e9\u65e5\u672c\ud83d\ude00x", "name": "caf\u00e9 \"q\" \\", "status": "active", "status_code": 3}
{"os": {"uname": "Linux |x"}, "lastKeepAlive": "292277026596-12-04T15:30:08+00:00", "id": "12345", "dateAdd": "0000-12-31T23:59:59+00:00", "group": [""], "name": "n", "disconnection_time": "2023-11-14T22:13:20+00:00"}
{"id": "0042", "dateAdd": "2024-01-01", "group": ["x\\\\", "y"], "registerIP": "any", "name": "no id"}`},
		{[]string{"group", "os.uname", "name", "id"}, `{"group": ["a", "b", "", "c"], "name": "caf\u00e9 \"q\" \\", "id": "007"}
{"group": [""], "os": {"uname": "Linux |x"}, "name": "n", "id": "12345"}
{"group": ["x\\\\", "y"], "name": "no id", "id": "0042"}`},
	} {
		plan := newAgentPlan(tc.sel, len(tc.sel) == 4)
		vals := plan.newRow()
		var out []string
		err := eachRow([]byte(page), func(r *rowScanner) error {
			b, err := plan.appendAgent(nil, r, vals)
			out = append(out, string(b))
			return err
		})
		if got := strings.Join(out, "\n"); err != nil || got != tc.want {
			t.Errorf("select %v: %v\ngot  %s\nwant %s", tc.sel, err, got, tc.want)
		}
	}
}

func TestCachedAgentPlanMatchesAFreshOne(t *testing.T) {
	cols := []string{"id", "name", "os.name", "status"}
	for _, explicit := range []bool{false, true} {
		a, b := cachedAgentPlan(cols, explicit), cachedAgentPlan(cols, explicit)
		if a != b {
			t.Fatal("the second lookup must reuse the cached plan")
		}
		if !reflect.DeepEqual(a, newAgentPlan(cols, explicit)) {
			t.Fatalf("explicit=%v: cached plan differs from a fresh one", explicit)
		}
	}
	if cachedAgentPlan(cols, true) == cachedAgentPlan(cols, false) {
		t.Fatal("explicit and canonical orders must not share a plan")
	}
	if planKey([]string{"a", "b"}, false) == planKey([]string{"ab"}, false) {
		t.Fatal("distinct column lists must not share a key")
	}
}
