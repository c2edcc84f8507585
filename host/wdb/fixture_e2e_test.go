package wdb_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/wazuh-go/server/host/wazuhdb"
	"github.com/wazuh-go/server/host/wdb"
)

// integrationDB is the API integration test global.db (schema v2), next to
// the repository (../shared from the repository top).
const integrationDB = "../../../shared/reference/wazuh-4.14/fixtures/integration/global.db"

// TestIntegrationFixtureOverSocket serves an upgraded copy of the fixture
// and lists its agents through the client, over the real socket.
func TestIntegrationFixtureOverSocket(t *testing.T) {
	src, err := os.Open(integrationDB)
	if err != nil {
		t.Skipf("reference fixture not available: %v", err)
	}
	defer src.Close()
	root, err := os.MkdirTemp("", "wdbf")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(root) })
	dst := filepath.Join(root, "queue", "db", "global.db")
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, src); err != nil {
		t.Fatal(err)
	}
	_ = out.Close()

	s, err := wazuhdb.Start(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := wdb.New(s.SocketPath())
	defer c.Close()
	rows, err := c.SQL(context.Background(), "global", 0, "SELECT id, name, connection_status FROM agent ORDER BY id")
	if err != nil || len(rows) != 13 {
		t.Fatalf("%d agents, %v", len(rows), err)
	}
	for i, a := range decodeAgents(t, rows) {
		want := fmt.Sprintf("wazuh-agent%d", i)
		if i == 0 {
			want = "wazuh-master"
		}
		if a.ID != i || a.Name != want {
			t.Errorf("agent %d = %+v", i, a)
		}
	}
	version, err := c.Query(context.Background(), "global sql SELECT value FROM metadata WHERE key = 'db_version'")
	var v []map[string]string
	if err != nil || json.Unmarshal(version, &v) != nil || v[0]["value"] != "7" {
		t.Errorf("db_version = %s, %v", version, err)
	}
}
