package wazuhdb

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerateAgents(t *testing.T) {
	ctx := context.Background()
	root := newRoot(t)
	path := filepath.Join(root, globalDBPath)
	if err := GenerateGlobalDB(ctx, filepath.Join(root, "queue", "db", "global.db"), 400); err != nil {
		t.Fatal(err)
	}
	db, err := OpenGlobalDB(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := GenerateAgents(ctx, db, 100); err != nil { // ids continue after 400
		t.Fatal(err)
	}
	_ = db.Close()
	s := startServer(t, root)

	var agents []map[string]any
	for off := 0; off < 500; off += 50 {
		agents = append(agents, rowsOf(t, mustOK(t, s, fmt.Sprintf("global sql SELECT * FROM agent WHERE id > 0 ORDER BY id LIMIT 50 OFFSET %d", off)))...)
	}
	if len(agents) != 500 || agents[499]["id"] != 500.0 {
		t.Fatalf("%d agents", len(agents))
	}
	statuses := countBy(agents, "connection_status")
	for _, st := range []string{"active", "disconnected", "never_connected", "pending"} {
		if statuses[st] == 0 {
			t.Errorf("no %s agents: %v", st, statuses)
		}
	}
	names, ips := map[any]bool{}, map[any]bool{}
	for _, a := range agents {
		names[a["name"]], ips[a["register_ip"].(string)+"/"+a["internal_key"].(string)] = true, true
		switch a["connection_status"] {
		case "never_connected":
			if a["ip"] != nil || a["version"] != nil || a["last_keepalive"] != nil || a["os_name"] != nil {
				t.Errorf("never connected agent with connection data: %v", a)
			}
		case "disconnected":
			if a["disconnection_time"].(float64) <= a["last_keepalive"].(float64) {
				t.Errorf("disconnected agent without disconnection time: %v", a)
			}
		case "active":
			if a["disconnection_time"] != 0.0 || a["os_platform"] == nil || a["version"] == nil {
				t.Errorf("active agent: %v", a)
			}
		}
		if a["group"] != nil && a["group_hash"] != sha8(a["group"].(string)) {
			t.Errorf("group hash of %v", a)
		}
	}
	if len(names) != 500 || len(ips) != 500 {
		t.Errorf("names or keys repeat: %d names, %d keys", len(names), len(ips))
	}
	// belongs is the source of truth: recalculating must not change anything.
	before := mustOK(t, s, "global sql SELECT group_concat(id || ':' || coalesce(`group`, '') || ':' || coalesce(group_hash, '')) AS g FROM agent")
	mustOK(t, s, "global recalculate-agent-group-hashes")
	if after := mustOK(t, s, "global sql SELECT group_concat(id || ':' || coalesce(`group`, '') || ':' || coalesce(group_hash, '')) AS g FROM agent"); after != before {
		t.Error("`group` CSV and belongs disagree")
	}
	if got := mustOK(t, s, "global sql SELECT count(*) AS n FROM `group`"); got != `[{"n":10}]` {
		t.Errorf("groups = %s", got)
	}
	if !strings.Contains(mustOK(t, s, "global sql SELECT os_uname FROM agent WHERE os_platform = 'ubuntu' LIMIT 1"), "Linux |") {
		t.Error("os_uname not Wazuh-shaped")
	}
}
