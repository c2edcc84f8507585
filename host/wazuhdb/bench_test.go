package wazuhdb_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/wazuh-go/server/host/wazuhdb"
	"github.com/wazuh-go/server/host/wdb"
)

const benchAgents = 100_000

var bench struct {
	once   sync.Once
	root   string
	srv    *wazuhdb.Server
	client *wdb.Client
	err    error
}

// benchEnv generates a 100k-agent root once per test binary and serves it.
func benchEnv(b *testing.B) *wdb.Client {
	b.Helper()
	return benchEnvT(b)
}

func benchEnvT(b testing.TB) *wdb.Client {
	b.Helper()
	bench.once.Do(func() {
		ctx := context.Background()
		bench.root, bench.err = os.MkdirTemp("", "wdbbench")
		if bench.err != nil {
			return
		}
		path := filepath.Join(bench.root, "queue", "db", "global.db")
		if bench.err = os.MkdirAll(filepath.Dir(path), 0o750); bench.err != nil {
			return
		}
		if bench.err = wazuhdb.GenerateGlobalDB(ctx, path, benchAgents); bench.err != nil {
			return
		}
		if bench.srv, bench.err = wazuhdb.Start(ctx, bench.root); bench.err != nil {
			return
		}
		bench.client = wdb.New(bench.srv.SocketPath())
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.client
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.srv != nil {
		_ = bench.client.Close()
		_ = bench.srv.Close()
	}
	if bench.root != "" {
		_ = os.RemoveAll(bench.root)
	}
	os.Exit(code)
}

// reportLatency adds p50/p99 in milliseconds to the benchmark output.
func reportLatency(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	b.ReportMetric(float64(d[len(d)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(d[len(d)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkGenerate100k measures GenerateGlobalDB for 100,000 agents.
func BenchmarkGenerate100k(b *testing.B) {
	for b.Loop() {
		dir := b.TempDir()
		if err := wazuhdb.GenerateGlobalDB(context.Background(), filepath.Join(dir, "global.db"), benchAgents); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPage500 reads one 500-row page of full agent rows at a random
// offset: about 350 KB, so several 64 KiB frames per page.
func BenchmarkPage500(b *testing.B) {
	c := benchEnv(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	var lat []time.Duration
	for b.Loop() {
		off := rng.IntN(benchAgents - 500)
		t0 := time.Now()
		rows, err := c.SQL(ctx, "global", 0, fmt.Sprintf("SELECT * FROM agent WHERE id > 0 ORDER BY id LIMIT 500 OFFSET %d", off))
		lat = append(lat, time.Since(t0))
		if err != nil || len(rows) != 500 {
			b.Fatalf("rows=%d err=%v", len(rows), err)
		}
	}
	reportLatency(b, lat)
}

// twoConditions is an API-shaped select with a status and a platform
// filter (neither column is indexed in Wazuh's schema, so SQLite scans).
const twoConditions = "SELECT id, name, coalesce(ip, register_ip) AS ip, connection_status, os_name, os_version, os_platform, version, node_name, `group`, last_keepalive, date_add FROM agent WHERE connection_status = 'active' AND os_platform = 'ubuntu' ORDER BY id LIMIT 500 OFFSET %d"

// BenchmarkTwoConditions reads the first 500-row page of a filtered select.
func BenchmarkTwoConditions(b *testing.B) {
	benchTwoConditions(b, func(*rand.Rand) int { return 0 })
}

// BenchmarkTwoConditionsDeep reads a 500-row page at a random offset into
// the roughly 26,000 matching agents.
func BenchmarkTwoConditionsDeep(b *testing.B) {
	benchTwoConditions(b, func(r *rand.Rand) int { return r.IntN(20000) })
}

func benchTwoConditions(b *testing.B, offset func(*rand.Rand) int) {
	c := benchEnv(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	var lat []time.Duration
	for b.Loop() {
		q := fmt.Sprintf(twoConditions, offset(rng))
		t0 := time.Now()
		rows, err := c.SQL(ctx, "global", 0, q)
		lat = append(lat, time.Since(t0))
		if err != nil || len(rows) != 500 {
			b.Fatalf("rows=%d err=%v", len(rows), err)
		}
	}
	reportLatency(b, lat)
}

// BenchmarkExportAll streams every agent row (about 75 MB of JSON).
func BenchmarkExportAll(b *testing.B) {
	c := benchEnv(b)
	ctx := context.Background()
	var lat []time.Duration
	for b.Loop() {
		n := 0
		t0 := time.Now()
		err := c.SQLEach(ctx, "global", 0, "SELECT * FROM agent", func(rows []json.RawMessage) error {
			n += len(rows)
			return nil
		})
		lat = append(lat, time.Since(t0))
		if err != nil || n != benchAgents+1 {
			b.Fatalf("rows=%d err=%v", n, err)
		}
	}
	reportLatency(b, lat)
}
