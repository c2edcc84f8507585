package main

import (
	"fmt"
	"net/http"
	"path/filepath"
	"time"

	"github.com/wazuh-go/server/host/bench"
)

// foundation measures cold start with every module enabled, GET / (host
// only) and the example route (one host→module hop) with 32 concurrent
// keep-alive HTTPS clients.
func (e benchEnv) foundation() error {
	fmt.Println("== foundation (32 concurrent keep-alive HTTPS clients)")
	mods := e.installedModules()
	h, err := bench.StartHost(e.ctx, bench.HostOptions{
		BinDir: e.binDir, Root: filepath.Join(e.tmp, "foundation"), Modules: mods,
		Password: password, ProbePath: "/example/hello", Log: e.log,
	})
	if err != nil {
		return err
	}
	defer h.Stop()
	client := bench.Client(32)
	token, err := h.Login(client, password)
	if err != nil {
		return err
	}
	root := bench.Load(e.ctx, "GET / (host only)", client, 32, e.duration, 0, http.StatusOK, h.Request(token, "/"))
	hop := bench.Load(e.ctx, "GET /example/hello (host -> module)", client, 32, e.duration, 0, http.StatusOK, h.Request(token, "/example/hello"))
	fmt.Println(root)
	fmt.Println(hop)
	one := bench.Client(1)
	rootSeq := bench.Load(e.ctx, "GET / (1 client)", one, 1, e.duration, 0, http.StatusOK, h.Request(token, "/"))
	hopSeq := bench.Load(e.ctx, "GET /example/hello (1 client)", one, 1, e.duration, 0, http.StatusOK, h.Request(token, "/example/hello"))
	fmt.Println(rootSeq)
	fmt.Println(hopSeq)
	fmt.Printf("under load (32 clients) the hop adds %v at p50\n", (hop.P50 - root.P50).Round(time.Microsecond))
	added := hopSeq.P50 - rootSeq.P50
	fmt.Printf("unloaded (1 client) the hop adds %v at p50 (target <= 150µs: %s)\n", added.Round(time.Microsecond), bench.Verdict(added <= 150*time.Microsecond))
	fmt.Println("\n== security (logins with 10 clients; a cheap route under a flood of 5,000 invalid tokens/s)")
	sec, err := bench.RunSecurityBench(e.ctx, h.URL, bench.SecurityOptions{Password: password, Duration: e.duration})
	if err != nil {
		return err
	}
	fmt.Println(sec)
	fmt.Printf("cold start to first 200 (first start: creates the root, certificate, keys and passwords) with %d modules %v: %v (target <= 1s: %s)\n",
		len(mods), mods, h.ColdStart.Round(time.Millisecond), bench.Verdict(h.ColdStart <= time.Second))
	h.Stop()
	again, err := bench.StartHost(e.ctx, bench.HostOptions{
		BinDir: e.binDir, Root: filepath.Join(e.tmp, "foundation"), Modules: mods,
		Password: password, ProbePath: "/example/hello", Log: e.log,
	})
	if err != nil {
		return err
	}
	again.Stop()
	fmt.Printf("cold start to first 200 (restart on the existing root): %v (target <= 1s: %s)\n",
		again.ColdStart.Round(time.Millisecond), bench.Verdict(again.ColdStart <= time.Second))
	return nil
}
