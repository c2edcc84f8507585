package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/wazuh-go/server/host/bench"
	"github.com/wazuh-go/server/host/wazuhdb"
)

// agentModule measures the agent module on n generated agents with 16
// concurrent keep-alive HTTPS clients.
func (e benchEnv) agentModule(n int) error {
	fmt.Printf("\n== agent module (%d agents, 16 concurrent keep-alive HTTPS clients)\n", n)
	root := filepath.Join(e.tmp, "agents")
	if err := os.MkdirAll(filepath.Join(root, "queue", "db"), 0o750); err != nil {
		return err
	}
	t0 := time.Now()
	if err := wazuhdb.GenerateGlobalDB(e.ctx, filepath.Join(root, "queue", "db", "global.db"), n); err != nil {
		return err
	}
	fmt.Printf("generated global.db in %v\n", time.Since(t0).Round(time.Millisecond))
	h, err := bench.StartHost(e.ctx, bench.HostOptions{
		BinDir: e.binDir, Root: root, Modules: []string{"agent"}, Password: password, ProbePath: "/agents?limit=1", Log: e.log,
	})
	if err != nil {
		return err
	}
	defer h.Stop()
	client := bench.Client(16)
	token, err := h.Login(client, password)
	if err != nil {
		return err
	}
	page := bench.Load(e.ctx, "GET /agents (limit 500)", client, 16, e.duration, 0, http.StatusOK, h.Request(token, "/agents"))
	small := bench.Load(e.ctx, "GET /agents?limit=20", client, 16, e.duration, 0, http.StatusOK, h.Request(token, "/agents?limit=20"))
	summary := bench.Load(e.ctx, "GET /agents/summary/status", client, 16, e.duration, 0, http.StatusOK, h.Request(token, "/agents/summary/status"))
	// One untimed export first warms SQLite's page cache and the database's
	// memory map, so the peak below is what an export itself holds.
	bench.Load(e.ctx, "warm-up export", client, 1, 60*time.Second, 1, http.StatusOK, h.Request(token, "/agents?limit=100000"))
	rssErr := h.ResetPeakRSS()
	hostBefore, moduleBefore := h.RSS()
	export := bench.Load(e.ctx, "GET /agents?limit=100000 (full export)", client, 1, 60*time.Second, 3, http.StatusOK, h.Request(token, "/agents?limit=100000"))
	hostRSS, moduleRSS := h.PeakRSS()
	for _, r := range []bench.Report{page, small, summary, export} {
		fmt.Println(r)
	}
	fmt.Printf("default page: %.0f req/s (target >= 300: %s), p99 %v (target <= 100ms: %s)\n", page.RPS(), bench.Verdict(page.RPS() >= 300), page.P99.Round(time.Millisecond), bench.Verdict(page.P99 <= 100*time.Millisecond))
	fmt.Printf("limit=20: %.0f req/s (target >= 3000: %s)\n", small.RPS(), bench.Verdict(small.RPS() >= 3000))
	fmt.Printf("full export: p50 %v, %d bytes (target <= 2s: %s)\n", export.P50.Round(time.Millisecond), export.Bytes/int64(max(export.Requests, 1)), bench.Verdict(export.P50 <= 2*time.Second))
	if rssErr == nil {
		fmt.Printf("full export memory (body %d MiB): peak RSS host %d MiB (%d before), agent module %d MiB (%d before)\n",
			export.Bytes/int64(max(export.Requests, 1))>>20, hostRSS>>20, hostBefore>>20, moduleRSS>>20, moduleBefore>>20)
	}
	fmt.Printf("summary/status p99 %v (target <= 50ms: %s)\n", summary.P99.Round(time.Millisecond), bench.Verdict(summary.P99 <= 50*time.Millisecond))
	fmt.Println("(Wazuh's Python API: 0.68 s for one default page at 50,000 agents)")
	return nil
}
