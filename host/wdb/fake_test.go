package wdb

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/wazuh-go/server/host/socket"
	"github.com/wazuh-go/server/sdk"
)

// fakeDB is a scripted wazuh-db: handle answers each request with one
// reply. It records the requests and the peak number of connections.
type fakeDB struct {
	path     string
	handle   func(req string) string
	mu       sync.Mutex
	requests []string
	open     atomic.Int32
	peak     atomic.Int32
	// closeAfterReply makes the server drop every connection after one
	// reply, like a daemon restarting between requests.
	closeAfterReply bool
	conns           map[net.Conn]struct{}
}

func newFake(t *testing.T, handle func(string) string) *fakeDB {
	t.Helper()
	dir, err := os.MkdirTemp("", "wdbc")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	f := &fakeDB{path: filepath.Join(dir, "wdb"), handle: handle, conns: map[net.Conn]struct{}{}}
	ln, err := net.Listen("unix", f.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go f.serve(c)
		}
	}()
	return f
}

func (f *fakeDB) serve(c net.Conn) {
	f.mu.Lock()
	f.conns[c] = struct{}{}
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		delete(f.conns, c)
		f.mu.Unlock()
		_ = c.Close()
	}()
	n := f.open.Add(1)
	defer f.open.Add(-1)
	for {
		if p := f.peak.Load(); n > p {
			f.peak.CompareAndSwap(p, n)
		}
		req, err := socket.ReadFrame(c, socket.MaxFrameBytes)
		if err != nil {
			return
		}
		f.mu.Lock()
		f.requests = append(f.requests, string(req))
		f.mu.Unlock()
		if socket.WriteFrame(c, []byte(f.handle(string(req)))) != nil || f.closeAfterReply {
			return
		}
	}
}

// dropAll closes every open server-side connection, as a wazuh-db restart
// does; the listener stays up.
func (f *fakeDB) dropAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.conns {
		_ = c.Close()
	}
}

func (f *fakeDB) log() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.requests...)
}

var limitRe = regexp.MustCompile(`^global sql (.*) limit (\d+) offset (\d+)$`)

// truncatingTable answers "global sql ... limit n offset m" from rows the
// way the C daemon does: the whole page is printed and the reply is cut at
// 65536 bytes. It keeps no state between requests.
func truncatingTable(rows []string) func(string) string {
	return func(req string) string {
		m := limitRe.FindStringSubmatch(req)
		if m == nil {
			return "err Invalid DB query syntax, near '" + req + "'"
		}
		n, _ := strconv.Atoi(m[2])
		off, _ := strconv.Atoi(m[3])
		page := []string{}
		if off < len(rows) {
			page = rows[off:min(off+n, len(rows))]
		}
		out := "ok [" + strings.Join(page, ",") + "]"
		if len(out) > socket.MaxFrameBytes {
			out = out[:socket.MaxFrameBytes]
		}
		return out
	}
}

func sampleRows(n, pad int) []string {
	rows := make([]string, n)
	for i := range rows {
		rows[i] = fmt.Sprintf(`{"id":%d,"name":"agent-%d","pad":"%s"}`, i, i, strings.Repeat("x", pad+i%37))
	}
	return rows
}

func code(err error) int {
	var e *sdk.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}
