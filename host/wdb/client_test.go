package wdb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

func TestExecStatuses(t *testing.T) {
	replies := map[string]string{
		"a": "ok", "b": "ok [1]", "c": "due [1,2]", "d": "err Cannot execute SQL query", "e": "ign", "f": "unk what",
	}
	f := newFake(t, func(req string) string { return replies[req] })
	c := New(f.path)
	defer c.Close()
	ctx := context.Background()
	for req, want := range replies {
		st, p, err := c.Exec(ctx, req)
		if err != nil || strings.TrimSpace(st+" "+string(p)) != want {
			t.Errorf("Exec(%s) = %q %q %v", req, st, p, err)
		}
	}
	if p, err := c.Query(ctx, "b"); err != nil || string(p) != "[1]" {
		t.Errorf("Query ok = %s, %v", p, err)
	}
	if p, err := c.Query(ctx, "a"); err != nil || p != nil {
		t.Errorf("Query bare ok = %q, %v", p, err)
	}
	if p, err := c.Query(ctx, "c"); !errors.Is(err, ErrDue) || string(p) != "[1,2]" {
		t.Errorf("Query due = %s, %v", p, err)
	}
	_, err := c.Query(ctx, "d")
	if code(err) != CodeRequest || err.Error() != "wazuh error 2003: Error in wazuhdb request: Cannot execute SQL query" {
		t.Errorf("Query err = %v", err)
	}
	if _, err := c.Query(ctx, "e"); code(err) != CodeRetrieve {
		t.Errorf("Query ign = %v", err)
	}
}

func TestConnectError(t *testing.T) {
	c := New(filepath.Join(t.TempDir(), "missing"))
	_, _, err := c.Exec(context.Background(), "global sql select 1")
	if code(err) != CodeConnect || !strings.Contains(err.Error(), "no such file or directory") {
		t.Fatalf("err = %v", err)
	}
	// WazuhInternalError(2005, <OSError>): the extra message is str(e).
	var we *sdk.Error
	if !errors.As(err, &we) || we.Message != "Could not connect to wdb socket: [Errno 2] No such file or directory" || we.Status() != 500 {
		t.Fatalf("message = %q", we.Message)
	}
}

// TestPagingAgainstTruncatingServer runs SELECTs whose results span many
// frames against a daemon that cuts replies at 64 KiB and keeps no cursor,
// like the real wazuh-db.
func TestPagingAgainstTruncatingServer(t *testing.T) {
	rows := sampleRows(4000, 300) // about 1.4 MB
	f := newFake(t, truncatingTable(rows))
	c := New(f.path)
	defer c.Close()
	ctx := context.Background()

	got, err := c.SQL(ctx, "global", 0, "SELECT * FROM agent")
	if err != nil || len(got) != len(rows) {
		t.Fatalf("got %d rows, %v", len(got), err)
	}
	for i, r := range got {
		if string(r) != rows[i] {
			t.Fatalf("row %d = %.40s", i, r)
		}
	}
	if n := len(f.log()); n > 2*(1400*1024/65536)+4 {
		t.Errorf("%d requests for %d frames of data", n, 1400*1024/65536)
	}
	for _, req := range f.log() {
		if strings.Contains(req, "limit 0 ") {
			t.Errorf("useless request %s", req)
		}
	}

	got, err = c.SQL(ctx, "global", 0, "SELECT * FROM agent LIMIT 1234 OFFSET 100")
	if err != nil || len(got) != 1234 || string(got[0]) != rows[100] || string(got[1233]) != rows[1333] {
		t.Fatalf("window: %d rows, %v", len(got), err)
	}

	var pages, total int
	err = c.Stream(ctx, "global sql SELECT * FROM agent", func(page json.RawMessage) error {
		var arr []json.RawMessage
		if err := json.Unmarshal(page, &arr); err != nil {
			return err
		}
		if want := "[" + strings.Join(rows[total:total+len(arr)], ",") + "]"; string(page) != want {
			return fmt.Errorf("page %d differs: %.60s", pages, page)
		}
		pages++
		total += len(arr)
		return nil
	})
	if err != nil || total != len(rows) || pages < 10 {
		t.Fatalf("Stream: %d rows in %d pages, %v", total, pages, err)
	}

	all, err := c.Query(ctx, "global sql SELECT * FROM agent LIMIT 10")
	var arr []json.RawMessage
	if err != nil || json.Unmarshal(all, &arr) != nil || len(arr) != 10 {
		t.Fatalf("Query: %.60s, %v", all, err)
	}
}

func TestRowLargerThanFrame(t *testing.T) {
	f := newFake(t, truncatingTable(sampleRows(3, 70000)))
	c := New(f.path)
	defer c.Close()
	if _, err := c.SQL(context.Background(), "global", 0, "SELECT * FROM agent"); code(err) != CodePagination {
		t.Fatalf("err = %v, want 2009", err)
	}
}

func TestQueryValidation(t *testing.T) {
	f := newFake(t, func(string) string { return "ok []" })
	c := New(f.path)
	defer c.Close()
	ctx := context.Background()
	for q, msg := range map[string]string{
		"global sql SELECT 1; DROP TABLE agent":   "Found a not valid symbol in database query: ;",
		"global sql insert into agent values (1)": `Only "select", "delete" or "update" requests can be sent to WDB`,
		"agent 0x1 sql select 1":                  "Incorrect agent ID 0x1",
		"global sql  select 1":                    `Only "select", "delete" or "update" requests can be sent to WDB`,
	} {
		_, err := c.Query(ctx, q)
		if code(err) != CodeInvalidQuery || !strings.HasSuffix(err.Error(), msg) {
			t.Errorf("Query(%q) = %v, want 2004 %s", q, err, msg)
		}
	}
	if _, err := c.SQL(ctx, "nosuch", 0, "select 1"); code(err) != CodeInvalidQuery {
		t.Errorf("bad target: %v", err)
	}
	if len(f.log()) != 0 {
		t.Errorf("invalid queries reached the server: %v", f.log())
	}
	if _, err := c.SQL(ctx, "agent", 7, "SELECT Name FROM fim_entry WHERE file = 'C:\\Temp'"); err != nil {
		t.Fatal(err)
	}
	if got := f.log()[0]; got != `agent 007 sql select name from fim_entry where file = 'C:\Temp' limit 500 offset 0` {
		t.Errorf("request = %s", got)
	}
	if _, err := c.Query(ctx, "global sql delete from agent where id = 5"); err != nil {
		t.Fatal(err)
	}
	if got := f.log()[1]; got != "global sql delete from agent where id = 5" {
		t.Errorf("delete request = %s", got)
	}
}

func TestRetryAfterServerClosedIdleConnection(t *testing.T) {
	f := newFake(t, func(string) string { return "ok [1]" })
	f.closeAfterReply = true
	c := New(f.path)
	defer c.Close()
	for i := range 3 {
		if _, err := c.Query(context.Background(), "global get-agent-info 1"); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
}

func TestPoolConcurrency(t *testing.T) {
	f := newFake(t, func(req string) string { return "ok " + strings.TrimPrefix(req, "echo ") })
	c := New(f.path, WithMaxConns(4))
	defer c.Close()
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 20 {
				want := fmt.Sprintf("[%d]", i*100+j)
				if got, err := c.Query(context.Background(), "echo "+want); err != nil || string(got) != want {
					t.Errorf("got %s, %v", got, err)
				}
			}
		}()
	}
	wg.Wait()
	if p := f.peak.Load(); p > 4 {
		t.Errorf("%d connections open at once, limit 4", p)
	}
}

func TestRunAndIDs(t *testing.T) {
	calls := 0
	f := newFake(t, func(req string) string {
		switch {
		case req == "global sync-agent-info-get":
			calls++
			if calls < 3 {
				return fmt.Sprintf(`due [{"id":%d}]`, calls)
			}
			return "ok []"
		case req == "global stuck":
			return "due [1]"
		case strings.HasPrefix(req, "global get-group-agents g last_id "):
			last := strings.TrimPrefix(req, "global get-group-agents g last_id ")
			switch last {
			case "0":
				return "due [1,2,3]"
			case "3":
				return "due [7]"
			case "7":
				return "ok [9]"
			}
		}
		return "err unexpected " + req
	})
	c := New(f.path)
	defer c.Close()
	ctx := context.Background()
	payloads, err := c.Run(ctx, "global sync-agent-info-get")
	if err != nil || len(payloads) != 3 || string(payloads[2]) != "[]" {
		t.Errorf("Run = %s, %v", payloads, err)
	}
	if _, err := c.Run(ctx, "global stuck"); code(err) != CodeRetrieve {
		t.Errorf("Run on a repeating due = %v", err)
	}
	ids, err := c.GroupAgents(ctx, "g")
	if err != nil || fmt.Sprint(ids) != "[1 2 3 7 9]" {
		t.Errorf("GroupAgents = %v, %v", ids, err)
	}
}

func TestSetAgentGroupsSplitsCommands(t *testing.T) {
	var mu sync.Mutex
	seen := 0
	f := newFake(t, func(req string) string {
		var body struct {
			Mode string        `json:"mode"`
			Data []AgentGroups `json:"data"`
		}
		if err := json.Unmarshal([]byte(strings.TrimPrefix(req, "global set-agent-groups ")), &body); err != nil || body.Mode != ModeAppend {
			return "err bad request"
		}
		mu.Lock()
		seen += len(body.Data)
		mu.Unlock()
		return "ok"
	})
	c := New(f.path)
	defer c.Close()
	items := make([]AgentGroups, 6000)
	for i := range items {
		items[i] = AgentGroups{ID: int64(i + 1), Groups: []string{"default", "linux-servers"}}
	}
	if err := c.SetAgentGroups(context.Background(), ModeAppend, "syncreq", items); err != nil {
		t.Fatal(err)
	}
	if seen != 6000 || len(f.log()) < 4 {
		t.Errorf("%d agents in %d commands", seen, len(f.log()))
	}
}

// After a wazuh-db restart every pooled connection is stale: a request must
// still succeed (Python opens a fresh connection per request and never sees
// them), not fail with 1014 once per stale connection.
func TestRequestAfterServerDroppedAllConnections(t *testing.T) {
	const n = 4
	var arrived sync.WaitGroup
	arrived.Add(n)
	var warm atomic.Bool
	f := newFake(t, func(string) string {
		if !warm.Load() {
			arrived.Done()
			arrived.Wait() // hold until n connections are open at once
		}
		return "ok [1]"
	})
	c := New(f.path, WithMaxConns(n))
	defer c.Close()
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Query(context.Background(), "global get-agent-info 1"); err != nil {
				t.Errorf("warm-up: %v", err)
			}
		}()
	}
	wg.Wait()
	warm.Store(true)
	f.dropAll()
	for i := range n {
		if _, err := c.Query(context.Background(), "global get-agent-info 1"); err != nil {
			t.Fatalf("request %d after restart: %v", i, err)
		}
	}
}
