package wdb

import (
	"context"
	"encoding/json"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// memConn is an in-memory Conn answering with handle; it counts the
// replies handed back through Recycle.
type memConn struct {
	id       int
	handle   func(id int, req string) string
	recycled *atomic.Int32
	closed   atomic.Bool
}

func (m *memConn) Request(_ context.Context, req []byte) ([]byte, error) {
	return []byte(m.handle(m.id, string(req))), nil
}
func (m *memConn) Broken() bool     { return m.closed.Load() }
func (m *memConn) Close() error     { m.closed.Store(true); return nil }
func (m *memConn) Recycle(_ []byte) { m.recycled.Add(1) }

// memDialer returns a dialer of memConns and the ids that served each
// request.
func memDialer(table func(string) string) (Dialer, func() []int, *atomic.Int32) {
	var mu sync.Mutex
	var ids []int
	next := 0
	recycled := &atomic.Int32{}
	handle := func(id int, req string) string {
		mu.Lock()
		ids = append(ids, id)
		mu.Unlock()
		return table(req)
	}
	dial := func(context.Context) (Conn, error) {
		mu.Lock()
		next++
		id := next
		mu.Unlock()
		return &memConn{id: id, handle: handle, recycled: recycled}, nil
	}
	return dial, func() []int { mu.Lock(); defer mu.Unlock(); return append([]int(nil), ids...) }, recycled
}

func TestPagesStayOnTheirConnection(t *testing.T) {
	rows := sampleRows(3000, 300)
	dial, served, recycled := memDialer(truncatingTable(rows))
	c := New("/nonexistent/wdb", WithDialer(dial))
	defer c.Close()
	ctx := context.Background()
	// Another connection becomes idle first, so a page not pinned would go
	// there (the free list is most recent first).
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() { defer wg.Done(); _, _ = c.Query(ctx, "global sql SELECT * FROM agent LIMIT 1") }()
	}
	wg.Wait()
	before := len(served())
	pages := 0
	err := c.Stream(ctx, "global sql SELECT * FROM agent", func(json.RawMessage) error {
		pages++
		// An unrelated request between pages takes an idle connection.
		_, err := c.Query(ctx, "global sql SELECT * FROM agent LIMIT 1")
		return err
	})
	if err != nil || pages < 10 {
		t.Fatalf("Stream: %d pages, %v", pages, err)
	}
	ids := served()[before:]
	pageConn := ids[0]
	for i := 0; i < len(ids); i += 2 { // pages and queries alternate
		if ids[i] != pageConn {
			t.Fatalf("page %d served by connection %d, first page by %d", i/2, ids[i], pageConn)
		}
	}
	if got := int(recycled.Load()); got != pages {
		t.Errorf("%d replies recycled for %d streamed pages (queries keep theirs)", got, pages)
	}
}

func TestQueryInsideStreamDoesNotDeadlock(t *testing.T) {
	dial, _, _ := memDialer(truncatingTable(sampleRows(2000, 300)))
	c := New("/nonexistent/wdb", WithDialer(dial), WithMaxConns(1))
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	pages := 0
	err := c.Stream(ctx, "global sql SELECT * FROM agent", func(json.RawMessage) error {
		pages++
		_, err := c.Query(ctx, "global sql SELECT * FROM agent LIMIT 2")
		return err
	})
	if err != nil || pages < 5 {
		t.Fatalf("Stream with a nested query and one connection: %d pages, %v", pages, err)
	}
}
