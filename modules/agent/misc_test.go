package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk/sdktest"
)

func TestTasksStatusFormatsRows(t *testing.T) {
	mod := New()
	h := newTestHost(t, &fakeDB{agents: standardAgents()})
	h.OnWDBFunc("task sql SELECT COUNT(*)", func(string) (json.RawMessage, error) { return json.RawMessage(`[{"count(*)":6}]`), nil })
	h.OnWDBFunc("task sql SELECT task_id", func(string) (json.RawMessage, error) {
		return json.RawMessage(`[{"task_id":1,"agent_id":2,"node":"worker2","module":"upgrade_module","command":"upgrade","create_time":1606466932,"last_update_time":1606466953,"status":"Legacy"}]`), nil
	})
	c := sdktest.Serve(t, mod, h, nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeTasks, "limit=1&status=Legacy", nil))
	want := `{"data": {"affected_items": [{"task_id": 1, "agent_id": "002", "node": "worker2", "module": "upgrade_module", "command": "upgrade", "create_time": "2020-11-27T08:48:52Z", "last_update_time": "2020-11-27T08:49:13Z", "status": "Legacy"}], "total_affected_items": 6, "total_failed_items": 0, "failed_items": []}, "message": "All specified task's status were returned", "error": 0}`
	if body != want {
		t.Fatalf("got %s", body)
	}
	if _, werr := call(t, c, sdktest.NewRequest(mod.Describe(), routeTasks, "sort=nope", nil)); werr == nil || werr.Code != 1403 {
		t.Fatalf("got %+v", werr)
	}
}

// Without WPK packages every agent fails in the upgrade module.
func TestUpgradeWithoutWPK(t *testing.T) {
	mod := New()
	h := newTestHost(t, &fakeDB{agents: standardAgents()})
	h.OnWDBFunc("global sql SELECT id AS \"id\"", func(string) (json.RawMessage, error) {
		return json.RawMessage(`[{"id":1},{"id":2}]`), nil
	})
	c := sdktest.Direct(t, mod, h, nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeUpgradeAgents, "agents_list=001,002,000", nil))
	for _, want := range []string{`{"error": {"code": 1703`, `{"error": {"code": 1820, "message": "Agent is not active"}, "id": ["002"]}`,
		`{"error": {"code": 1822, "message": "The repository is not reachable"}, "id": ["001"]}`,
		`"message": "No upgrade task was created", "error": 1`} {
		if !strings.Contains(body, want) {
			t.Fatalf("missing %s in %s", want, body)
		}
	}
}

func TestAgentKeyAndManager(t *testing.T) {
	mod := New()
	c := sdktest.Direct(t, mod, newTestHost(t, &fakeDB{agents: standardAgents()}), nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeAgentKey, "", map[string]string{"agent_id": "001"}))
	if !strings.Contains(body, `"affected_items": [{"id": "001", "key": "MDAxIHdlYjAxIGFueSBhYmFi`) {
		t.Fatalf("key %s", body)
	}
	body = mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeAgentKey, "", map[string]string{"agent_id": "000"}))
	if !strings.Contains(body, `"code": 1703`) || !strings.Contains(body, `"error": 1}`) {
		t.Fatalf("000 %s", body)
	}
	if _, werr := call(t, c, sdktest.NewRequest(mod.Describe(), routeAgentKey, "", map[string]string{"agent_id": "01"})); werr == nil {
		t.Fatal("short id accepted")
	}
}

func TestGroupConfigurationRoundTrip(t *testing.T) {
	mod := New()
	h := groupHost(t)
	c := sdktest.Direct(t, mod, h, nil)
	put := sdktest.NewRequest(mod.Describe(), routePutGroupConfig, "", map[string]string{"group_id": "dmz"})
	put.Body = []byte(`<agent_config os="Linux"><localfile><location>/var/log/syslog</location><log_format>syslog</log_format></localfile></agent_config>`)
	if body := mustBody(t, c, put); body != `{"message": "Agent configuration was successfully updated", "error": 0}` {
		t.Fatalf("put %s", body)
	}
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeGetGroupConfig, "", map[string]string{"group_id": "dmz"}))
	want := `{"data": {"total_affected_items": 1, "affected_items": [{"filters": {"os": "Linux"}, "config": {"localfile": [{"location": "/var/log/syslog", "log_format": "syslog"}]}}]}, "error": 0}`
	if body != want {
		t.Fatalf("get %s", body)
	}
	put.Body = []byte(`<agent_config><broken></agent_config>`)
	if _, werr := call(t, c, put); werr == nil || werr.Code != 1113 {
		t.Fatalf("bad xml %+v", werr)
	}
	get := sdktest.NewRequest(mod.Describe(), routeGetGroupConfig, "", map[string]string{"group_id": "nope"})
	if _, werr := call(t, c, get); werr == nil || werr.Code != 1710 || werr.Status() != 404 {
		t.Fatalf("missing group %+v", werr)
	}
}

// A big listing arrives in many wazuh-db pages and is streamed through
// the gRPC glue without hitting message limits.
func TestLargeListingStreamsThroughGRPC(t *testing.T) {
	mod := New()
	const n = 20000
	h := newTestHost(t, &fakeDB{agents: standardAgents(), count: n})
	h.OnWDBFunc(`global sql SELECT id AS "id"`, func(string) (json.RawMessage, error) {
		var b strings.Builder
		b.WriteByte('[')
		for i := 1; i <= n; i++ {
			if i > 1 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":%d,"name":"agent-%d","status":"active","os.name":"Ubuntu \u00e9","group":"default"}`, i, i)
		}
		b.WriteByte(']')
		return json.RawMessage(b.String()), nil
	})
	c := sdktest.Serve(t, mod, h, nil)
	resp, err := c.Handle(context.Background(), sdktest.NewRequest(mod.Describe(), routeGetAgents, "limit=100000", nil))
	if err != nil {
		t.Fatal(err)
	}
	var env struct {
		Data struct {
			Items []map[string]any `json:"affected_items"`
			Total int              `json:"total_affected_items"`
		} `json:"data"`
	}
	if err := json.Unmarshal(resp.Body, &env); err != nil {
		t.Fatal(err)
	}
	if len(env.Data.Items) != n || env.Data.Total != n || env.Data.Items[n-1]["id"] != fmt.Sprintf("%03d", n) {
		t.Fatalf("items %d total %d", len(env.Data.Items), env.Data.Total)
	}
	if !strings.Contains(string(resp.Body[:400]), `"os": {"name": "Ubuntu \u00e9"}`) {
		t.Fatalf("non-ASCII not escaped: %s", resp.Body[:400])
	}
}

func TestOverviewShapes(t *testing.T) {
	mod := New()
	h := groupHost(t)
	h.OnWDBFunc(`global sql SELECT node_name AS "node_name", COUNT(*)`, func(string) (json.RawMessage, error) {
		return json.RawMessage(`[{"node_name":"node01","count":4}]`), nil
	})
	h.OnWDBFunc(`global sql SELECT os_name AS "os.name"`, func(string) (json.RawMessage, error) {
		return json.RawMessage(`[{"os.name":"Ubuntu","os.platform":"ubuntu","os.version":"20.04","count":2}]`), nil
	})
	h.OnWDBFunc(`global sql SELECT version AS "version", COUNT(*)`, func(string) (json.RawMessage, error) {
		return json.RawMessage(`[{"version":"Wazuh v4.14.7","count":2}]`), nil
	})
	h.OnWDBFunc(`global sql SELECT COUNT(*) FROM (SELECT`, func(string) (json.RawMessage, error) { return json.RawMessage(`[{"count(*)":1}]`), nil })
	h.OnWDBFunc(`global sql SELECT id AS "id"`, func(string) (json.RawMessage, error) {
		return json.RawMessage(`[{"id":4,"name":"new01","dateadd":1622032808,"status":"never_connected"}]`), nil
	})
	c := sdktest.Direct(t, mod, h, nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeOverview, "", nil))
	for _, want := range []string{`{"data": {"nodes": [{"node_name": "node01", "count": 4}], "groups": [{"name": "default", "count": 2`,
		`"agent_os": [{"os": {"name": "Ubuntu", "platform": "ubuntu", "version": "20.04"}, "count": 2}]`,
		`"agent_status": {"connection": {"active": 2,`, `"agent_version": [{"version": "Wazuh v4.14.7", "count": 2}]`,
		`"last_registered_agent": [{"id": "004", "dateAdd": "2021-05-26T12:40:08+00:00", "name": "new01", "status": "never_connected"}]}, "error": 0}`} {
		if !strings.Contains(body, want) {
			t.Fatalf("missing %s in %s", want, body)
		}
	}
}
