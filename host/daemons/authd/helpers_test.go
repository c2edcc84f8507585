package authd

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wazuh-go/server/host/socket"
)

// fakeWDB records commands and keeps a tiny agent table so that
// get-agent-info answers like wazuh-db.
type fakeWDB struct {
	mu       sync.Mutex
	commands []string
	agents   map[int]map[string]any
	failOn   string // command prefix answered with "err"
}

func newFakeWDB() *fakeWDB { return &fakeWDB{agents: map[int]map[string]any{}} }

func (f *fakeWDB) Exec(_ context.Context, cmd string) (string, []byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.commands = append(f.commands, cmd)
	if f.failOn != "" && strings.HasPrefix(cmd, f.failOn) {
		return "err", []byte("Cannot execute Global database query; UNIQUE constraint failed"), nil
	}
	switch {
	case strings.HasPrefix(cmd, "global insert-agent "):
		var row map[string]any
		if err := json.Unmarshal([]byte(strings.TrimPrefix(cmd, "global insert-agent ")), &row); err != nil {
			return "err", []byte("Invalid JSON syntax"), nil
		}
		row["connection_status"] = "never_connected"
		f.agents[int(row["id"].(float64))] = row
		return "ok", nil, nil
	case strings.HasPrefix(cmd, "global delete-agent "):
		id, _ := strconv.Atoi(strings.TrimPrefix(cmd, "global delete-agent "))
		delete(f.agents, id)
		return "ok", nil, nil
	case strings.HasPrefix(cmd, "global get-agent-info "):
		id, _ := strconv.Atoi(strings.TrimPrefix(cmd, "global get-agent-info "))
		rows := []map[string]any{}
		if r, ok := f.agents[id]; ok {
			rows = append(rows, r)
		}
		b, _ := json.Marshal(rows)
		return "ok", b, nil
	case strings.HasPrefix(cmd, "global set-agent-groups "):
		return "ok", nil, nil
	case strings.HasPrefix(cmd, "wazuhdb remove "):
		return "unk", nil, nil // force the direct file removal path
	}
	return "err", nil, errors.New("unexpected command")
}

func (f *fakeWDB) setAgent(id int, fields map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.agents[id] = fields
}

func (f *fakeWDB) log() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.commands...)
}

// testRoot makes a short root (socket paths must stay < 108 bytes).
func testRoot(t *testing.T) string {
	t.Helper()
	root, err := os.MkdirTemp("", "wd")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(root) })
	for _, d := range []string{"etc/shared/default", "etc/shared/g1", "queue/db", "queue/sockets"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o750); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

var fixedNow = time.Unix(1700000000, 0)

// startServer runs a Service with a fake WDB on root's auth socket.
func startServer(t *testing.T, root string, mutate func(*Config)) (*fakeWDB, string) {
	t.Helper()
	w := newFakeWDB()
	cfg := Config{Root: root, WDB: w, ManagerName: "manager", Now: func() time.Time { return fixedNow }}
	if mutate != nil {
		mutate(&cfg)
	}
	path := filepath.Join(root, "queue", "sockets", "auth")
	srv, err := Listen(path, 0o750, NewService(cfg), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
	})
	return w, path
}

// rawCall sends body as one frame and returns the exact reply payload.
func rawCall(t *testing.T, path, body string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := socket.Dial(ctx, path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	reply, err := conn.Request(ctx, []byte(body))
	if err != nil {
		t.Fatalf("request %s: %v", body, err)
	}
	return string(reply)
}

func readKeys(t *testing.T, root string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "etc", "client.keys"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
