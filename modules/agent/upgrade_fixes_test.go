package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk/sdktest"
)

// taskColumn is one entry of a SELECT list: "x" or "x AS y".
var taskColumn = regexp.MustCompile(`(?i)^\s*(\w+)(?:\s+as\s+"?(\w+)"?)?\s*$`)

// tasksLikeSQLite answers "task sql SELECT <cols> FROM tasks ..." with one
// upgrade task of agent 001, keyed as SQLite names result columns: the
// alias when given, otherwise the column as tasks.db declares it (upper
// case).
func tasksLikeSQLite(cmd string) (json.RawMessage, error) {
	row := map[string]any{"TASK_ID": 7, "AGENT_ID": 1, "NODE": "node01", "MODULE": "upgrade_module", "COMMAND": "upgrade",
		"STATUS": "Failed", "ERROR_MESSAGE": "The version of the WPK does not exist in the repository",
		"CREATE_TIME": 1700000000, "LAST_UPDATE_TIME": 1700000100}
	list, _, _ := strings.Cut(strings.TrimPrefix(cmd, "task sql SELECT "), " FROM ")
	out := map[string]any{}
	for _, col := range strings.Split(list, ",") {
		m := taskColumn.FindStringSubmatch(col)
		if m == nil {
			continue
		}
		key := strings.ToUpper(m[1])
		if m[2] != "" {
			key = m[2]
		}
		out[key] = row[strings.ToUpper(m[1])]
	}
	b, err := json.Marshal([]any{out})
	return b, err
}

// GET /agents/upgrade_result reads the agent's task whatever the case of
// tasks.db's column names (found end to end: every agent answered 1813).
func TestUpgradeResultReadsUpperCaseTaskColumns(t *testing.T) {
	mod := New()
	h := newTestHost(t, &fakeDB{agents: standardAgents()})
	h.OnWDBFunc("global sql SELECT id AS \"id\"", func(string) (json.RawMessage, error) {
		return json.RawMessage(`[{"id":1}]`), nil
	})
	h.OnWDBFunc("task sql ", tasksLikeSQLite)
	c := sdktest.Direct(t, mod, h, nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeUpgradeResult, "agents_list=001", nil))
	want := `{"data": {"affected_items": [{"agent": "001", "task_id": 7, "node": "node01", "module": "upgrade_module", "command": "upgrade", "status": "Failed", "error_msg": "The version of the WPK does not exist in the repository", `
	if !strings.HasPrefix(body, want) || !strings.HasSuffix(body, `"total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "All upgrade tasks were returned", "error": 0}`) {
		t.Fatalf("body %s", body)
	}
}

// A missing custom WPK is an upgrade-module failure (1810 + e with e > 0;
// found end to end, where it was 1810, the code of e = 0 "Success").
func TestUpgradeCustomMissingWPKCode(t *testing.T) {
	mod := New()
	h := newTestHost(t, &fakeDB{agents: standardAgents()})
	h.OnWDBFunc("global sql SELECT id AS \"id\"", func(string) (json.RawMessage, error) {
		return json.RawMessage(`[{"id":1}]`), nil
	})
	c := sdktest.Direct(t, mod, h, nil)
	body := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeUpgradeCustom, "agents_list=001&file_path=/tmp/a.wpk", nil))
	if !strings.Contains(body, `"failed_items": [{"error": {"code": 1827, "message": "The WPK file does not exist"}, "id": ["001"]}]`) {
		t.Fatalf("body %s", body)
	}
}
