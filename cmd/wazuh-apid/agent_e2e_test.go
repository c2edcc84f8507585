package main

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "github.com/glebarez/go-sqlite" // loads the Wazuh SQL fixture
)

var buildOnce sync.Once
var sharedBin string

// binaries builds the host and modules once per test binary run.
func binaries(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds binaries")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "wazuh-e2e-bin")
		if err != nil {
			t.Fatal(err)
		}
		buildBinaries(t, dir)
		sharedBin = dir
	})
	return sharedBin
}

// fixtureRoot returns a root whose global.db is Wazuh's unit fixture
// schema_global_test.sql, or skips when ../shared is absent.
func fixtureRoot(t *testing.T) string {
	t.Helper()
	script := filepath.Join("..", "..", "..", "shared", "reference", "wazuh-4.14", "fixtures", "unit", "schema_global_test.sql")
	text, err := os.ReadFile(script)
	if err != nil {
		t.Skip("Wazuh fixtures (../shared) not present")
	}
	root := filepath.Join(t.TempDir(), "wazuh")
	dbPath := filepath.Join(root, "queue", "db", "global.db")
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o750); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sqlText := string(text)
	if strings.Contains(sqlText, "BEGIN TRANSACTION") && !strings.Contains(sqlText, "COMMIT") {
		sqlText += "\nCOMMIT;"
	}
	if _, err := db.ExecContext(context.Background(), sqlText); err != nil {
		t.Fatalf("load fixture: %v", err)
	}
	return root
}

// TestAgentModuleOnWazuhFixture checks the values data-layer.md §10.1
// computes from schema_global_test.sql, end to end through the host.
func TestAgentModuleOnWazuhFixture(t *testing.T) {
	bin := binaries(t)
	h := startHost(t, bin, fixtureRoot(t), true)
	token := h.login(t)

	status, body := h.raw(t, http.MethodGet, "/agents/summary/status", token, "")
	if status != 200 || !strings.Contains(string(body), `"connection": {"active": 6, "disconnected": 1, "never_connected": 1, "pending": 1, "total": 9}`) {
		t.Fatalf("summary/status: %d %s", status, body)
	}

	status, list := h.do(t, http.MethodGet, "/agents?q=id!%3D000&select=os.platform&limit=100", token)
	data := list["data"].(map[string]any)
	platforms := map[string]int{}
	for _, it := range data["affected_items"].([]any) {
		item := it.(map[string]any)
		os, _ := item["os"].(map[string]any)
		p, _ := os["platform"].(string)
		platforms[p]++
	}
	if status != 200 || data["total_affected_items"] != float64(9) || platforms["ubuntu"] != 4 || platforms["xubuntu"] != 2 || platforms["windows"] != 1 || platforms[""] != 2 {
		t.Fatalf("platforms: %d %v %v", status, data["total_affected_items"], platforms)
	}

	status, body = h.raw(t, http.MethodGet, "/agents?agents_list=008&select=group", token, "")
	want := `{"data": {"affected_items": [{"group": ["group-2", "group-1"], "id": "008"}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "All selected agents information was returned", "error": 0}`
	if status != 200 || string(body) != want {
		t.Fatalf("agent 008 groups:\n got %d %s\nwant %s", status, body, want)
	}

	status, body = h.raw(t, http.MethodGet, "/agents?agents_list=001,999", token, "")
	if status != 200 || !strings.Contains(string(body), `"failed_items": [{"error": {"code": 1701, "message": "Agent does not exist"`) || !strings.Contains(string(body), `"error": 2}`) {
		t.Fatalf("partial failure: %d %s", status, body)
	}

	status, body = h.raw(t, http.MethodGet, "/agents?limit=0", token, "")
	if status != 400 {
		t.Fatalf("limit=0: %d %s", status, body)
	}
	status, body = h.raw(t, http.MethodGet, "/agents?bogus=1", token, "")
	if status != 400 || string(body) != `{"title": "Bad Request", "detail": "Extra query parameter(s) bogus not in spec"}` {
		t.Fatalf("extra param: %d %s", status, body)
	}
	status, body = h.raw(t, http.MethodGet, "/agents/999/key", token, "")
	if status == 200 && !strings.Contains(string(body), "1701") {
		t.Fatalf("unknown agent key: %d %s", status, body)
	}
}

// TestAgentRegistrationThroughAuthd registers and removes an agent through
// the embedded authd and checks client.keys and the listing.
func TestAgentRegistrationThroughAuthd(t *testing.T) {
	bin := binaries(t)
	root := filepath.Join(t.TempDir(), "wazuh")
	h := startHost(t, bin, root, true)
	token := h.login(t)
	status, body := h.raw(t, http.MethodPost, "/agents", token, `{"name":"web01","ip":"10.0.0.5"}`)
	if status != 200 || !strings.Contains(string(body), `{"data": {"id": "001", "key": "`) {
		t.Fatalf("register: %d %s", status, body)
	}
	keys, err := os.ReadFile(filepath.Join(root, "etc", "client.keys"))
	if err != nil || !strings.HasPrefix(string(keys), "001 web01 10.0.0.5 ") {
		t.Fatalf("client.keys: %q %v", keys, err)
	}
	status, body = h.raw(t, http.MethodPost, "/agents", token, `{"name":"web01","ip":"10.0.0.6"}`)
	if status != 400 || !strings.Contains(string(body), `"error": 1705`) {
		t.Fatalf("duplicate name: %d %s", status, body)
	}
	status, body = h.raw(t, http.MethodGet, "/agents?q=name%3Dweb01&select=name,ip,status", token, "")
	if status != 200 || !strings.Contains(string(body), `"name": "web01"`) || !strings.Contains(string(body), `"status": "never_connected"`) {
		t.Fatalf("listing: %d %s", status, body)
	}
	status, body = h.raw(t, http.MethodDelete, "/agents?agents_list=001&status=all&older_than=0s", token, "")
	if status != 200 || !strings.Contains(string(body), `"affected_items": ["001"]`) {
		t.Fatalf("delete: %d %s", status, body)
	}
}
