package wdb_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/wazuh-go/server/host/wazuhdb"
	"github.com/wazuh-go/server/host/wdb"
)

// embedded starts an embedded wazuh-db over a root holding n generated
// agents and returns a client for it.
func embedded(t *testing.T, n int) *wdb.Client {
	t.Helper()
	root, err := os.MkdirTemp("", "wdbe")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(root) })
	ctx := context.Background()
	if err := wazuhdb.GenerateGlobalDB(ctx, filepath.Join(root, "queue", "db", "global.db"), n); err != nil {
		t.Fatal(err)
	}
	s, err := wazuhdb.Start(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	c := wdb.New(s.SocketPath())
	t.Cleanup(func() {
		_ = c.Close()
		_ = s.Close()
	})
	return c
}

type agentRow struct {
	ID     int    `json:"id"`
	Name   string `json:"name"`
	Status string `json:"connection_status"`
}

func decodeAgents(t *testing.T, rows []json.RawMessage) []agentRow {
	t.Helper()
	out := make([]agentRow, len(rows))
	for i, r := range rows {
		if err := json.Unmarshal(r, &out[i]); err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
	}
	return out
}

func TestEmbeddedSQL(t *testing.T) {
	c := embedded(t, 3000)
	ctx := context.Background()
	rows, err := c.SQL(ctx, "global", 0, "SELECT * FROM agent")
	if err != nil || len(rows) != 3001 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	for i, a := range decodeAgents(t, rows) {
		if a.ID != i {
			t.Fatalf("row %d has id %d", i, a.ID)
		}
	}
	rows, err = c.SQL(ctx, "global", 0, "SELECT id, name, connection_status FROM agent WHERE id > 0 ORDER BY id LIMIT 777 OFFSET 1000")
	if err != nil || len(rows) != 777 || decodeAgents(t, rows)[0].ID != 1001 {
		t.Fatalf("window: %d rows, %v", len(rows), err)
	}
	var counted []struct {
		Status string `json:"status"`
		N      int    `json:"n"`
	}
	raw, err := c.Query(ctx, "global sql SELECT connection_status AS status, count(*) AS n FROM agent WHERE id > 0 GROUP BY connection_status")
	if err != nil || json.Unmarshal(raw, &counted) != nil || len(counted) != 4 {
		t.Fatalf("group by: %s, %v", raw, err)
	}
	active, err := c.AgentIDsByStatus(ctx, "active")
	if err != nil || len(active) != counted[0].N || counted[0].Status != "active" {
		t.Errorf("AgentIDsByStatus = %d ids, %v; counts %v", len(active), err, counted)
	}
	ids, err := c.AgentIDs(ctx, true)
	if err != nil || len(ids) != 3001 || ids[0] != 0 {
		t.Errorf("AgentIDs = %d, %v", len(ids), err)
	}
	members, err := c.GroupAgents(ctx, "default")
	inDefault, _ := c.SQL(ctx, "global", 0, "SELECT id_agent FROM belongs WHERE id_group = (SELECT id FROM `group` WHERE name = 'default')")
	if err != nil || len(members) != len(inDefault) || len(members) == 0 {
		t.Errorf("GroupAgents = %d, SQL = %d, %v", len(members), len(inDefault), err)
	}
}

func TestEmbeddedStreamPages(t *testing.T) {
	c := embedded(t, 2000)
	var n, pages int
	err := c.Stream(context.Background(), "global sql SELECT * FROM agent WHERE id > 0", func(page json.RawMessage) error {
		var arr []json.RawMessage
		if err := json.Unmarshal(page, &arr); err != nil {
			return fmt.Errorf("page %d: %w", pages, err)
		}
		n += len(arr)
		pages++
		return nil
	})
	if err != nil || n != 2000 || pages < 10 {
		t.Fatalf("%d rows in %d pages, %v", n, pages, err)
	}
}

func TestEmbeddedConcurrentPaging(t *testing.T) {
	c := embedded(t, 1500)
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			off := g * 100
			rows, err := c.SQL(context.Background(), "global", 0, fmt.Sprintf("SELECT * FROM agent ORDER BY id LIMIT 900 OFFSET %d", off))
			if err != nil || len(rows) != 900 {
				t.Errorf("goroutine %d: %d rows, %v", g, len(rows), err)
				return
			}
			for i, a := range decodeAgents(t, rows) {
				if a.ID != off+i {
					t.Errorf("goroutine %d: row %d has id %d", g, i, a.ID)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestEmbeddedGroupsAndCommands(t *testing.T) {
	c := embedded(t, 10)
	ctx := context.Background()
	err := c.SetAgentGroups(ctx, wdb.ModeOverride, "syncreq", []wdb.AgentGroups{{ID: 1, Groups: []string{"default", "ops"}}, {ID: 2, Groups: []string{"ops"}}})
	if err != nil {
		t.Fatal(err)
	}
	ids, err := c.GroupAgents(ctx, "ops")
	if err != nil || fmt.Sprint(ids) != "[1 2]" {
		t.Errorf("ops members = %v, %v", ids, err)
	}
	info, err := c.Query(ctx, "global get-agent-info 1")
	var rows []map[string]any
	if err != nil || json.Unmarshal(info, &rows) != nil || rows[0]["group"] != "default,ops" {
		t.Errorf("get-agent-info = %s, %v", info, err)
	}
	if err := c.SetAgentGroups(ctx, "bogus", "synced", []wdb.AgentGroups{{ID: 1, Groups: []string{"x"}}}); err == nil {
		t.Error("bogus mode accepted")
	}
	if _, err := c.SQL(ctx, "agent", 99999, "SELECT * FROM fim_entry"); err == nil {
		t.Error("query on a missing agent succeeded")
	}
	rows2, err := c.SQL(ctx, "agent", 1, "SELECT * FROM scan_info")
	if err != nil || len(rows2) != 2 {
		t.Errorf("agent db: %d rows, %v", len(rows2), err)
	}
}
