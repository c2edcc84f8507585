package main

import (
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
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
	fmt.Printf("under load (32 clients) the hop adds %v at p50\n", (hop.P50 - root.P50).Round(time.Microsecond))
	added, rounds := e.unloadedHop(h, token)
	fmt.Printf("unloaded (1 client) the hop adds %v at p50, median of %s (target <= 150µs: %s)\n",
		added.Round(time.Microsecond), rounds, bench.Verdict(added <= 150*time.Microsecond))
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

// hopRounds is how many alternating GET / and example-route phases measure
// the unloaded hop.
const hopRounds = 5

// unloadedHop measures the hop with one client: GET / and the example
// route alternate in hopRounds short phases, so that both sample the same
// stretches of a machine whose speed drifts, and the hop is the median of
// the rounds' p50 differences. One untimed phase first lets the host settle
// into its one-client state (schedtune.Scaler narrows after a quiet second).
func (e benchEnv) unloadedHop(h *bench.Host, token string) (time.Duration, string) {
	one := bench.Client(1)
	phase := max(e.duration/hopRounds, time.Second)
	bench.Load(e.ctx, "settle", one, 1, 1500*time.Millisecond, 0, http.StatusOK, h.Request(token, "/"))
	var diffs []time.Duration
	var desc []string
	for r := range hopRounds {
		root := bench.Load(e.ctx, "GET / (1 client)", one, 1, phase, 0, http.StatusOK, h.Request(token, "/"))
		hello := bench.Load(e.ctx, "GET /example/hello (1 client)", one, 1, phase, 0, http.StatusOK, h.Request(token, "/example/hello"))
		if r == hopRounds/2 {
			fmt.Println(root)
			fmt.Println(hello)
		}
		d := hello.P50 - root.P50
		diffs = append(diffs, d)
		desc = append(desc, d.Round(time.Microsecond).String())
	}
	sorted := slices.Clone(diffs)
	slices.Sort(sorted)
	return sorted[len(sorted)/2], fmt.Sprintf("%d alternating rounds: %s", hopRounds, strings.Join(desc, ", "))
}
