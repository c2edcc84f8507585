package bench

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Security targets of the issue: logins/s and p99 with 10 concurrent
// clients, and a cheap route's p99 under a flood of invalid tokens.
const (
	TargetLoginsPerSecond = 12
	TargetLoginP99        = 400 * time.Millisecond
	TargetFloodP99Ratio   = 2.0
)

// SecurityOptions configure RunSecurityBench. Zero values take the
// defaults in brackets.
type SecurityOptions struct {
	// User and Password log in [wazuh / required].
	User, Password string
	// Duration of each measured phase [5s].
	Duration time.Duration
	// LoginClients log in concurrently [10].
	LoginClients int
	// RouteClients call the cheap route concurrently [4].
	RouteClients int
	// Route is the cheap authenticated route [/].
	Route string
	// FloodRate is the invalid tokens sent per second [5000] by
	// FloodClients workers [32].
	FloodRate, FloodClients int
	// Rounds alternates baseline and flood phases this many times [3],
	// each phase Duration long, so that both conditions sample the same
	// stretch of time on a machine whose speed drifts; the verdict uses
	// the median round and every round's ratio is printed.
	Rounds int
	// MalformedOnly floods with malformed tokens only, which no server
	// verifies: the difference with the default mix isolates token
	// handling from the cost of the HTTPS requests themselves.
	MalformedOnly bool
	// FailedLogins also measures wrong-password logins (full hash work
	// each); the host must not block the bench's IP (max_login_attempts 0).
	FailedLogins bool
	// NewClient returns an HTTP client for n workers [Client].
	NewClient func(n int) *http.Client
}

// SecurityReport is what RunSecurityBench measured.
type SecurityReport struct {
	// Logins are valid POST /security/user/authenticate calls.
	Logins Report
	// FailedLogins are wrong-password logins (when requested).
	FailedLogins *Report
	// Baseline is the cheap route alone; UnderFlood the same during the
	// flood; Flood the invalid-token requests themselves (401 expected):
	// those of the median round.
	Baseline, UnderFlood, Flood Report
	// Ratios are every round's p99 ratio, in round order.
	Ratios []float64
}

// FloodRatio is the cheap route's p99 under flood over its baseline p99,
// in the median round.
func (r SecurityReport) FloodRatio() float64 { return p99Ratio(r.UnderFlood, r.Baseline) }

// p99Ratio is under's p99 over base's (0 without a baseline).
func p99Ratio(under, base Report) float64 {
	if base.P99 == 0 {
		return 0
	}
	return float64(under.P99) / float64(base.P99)
}

// MeetsTargets reports the login and flood verdicts.
func (r SecurityReport) MeetsTargets() (logins, flood bool) {
	logins = r.Logins.RPS() >= TargetLoginsPerSecond && r.Logins.P99 <= TargetLoginP99 && r.Logins.Errors == 0
	flood = r.FloodRatio() <= TargetFloodP99Ratio && r.UnderFlood.Errors == 0
	return logins, flood
}

// String formats the report with the targets.
func (r SecurityReport) String() string {
	lg, fl := r.MeetsTargets()
	var b strings.Builder
	fmt.Fprintln(&b, r.Logins)
	if r.FailedLogins != nil {
		fmt.Fprintln(&b, *r.FailedLogins)
	}
	fmt.Fprintln(&b, r.Baseline)
	fmt.Fprintln(&b, r.UnderFlood)
	fmt.Fprintln(&b, r.Flood)
	fmt.Fprintf(&b, "logins: %.1f/s, p99 %v (target >= %d/s, p99 <= %v: %s)\n", r.Logins.RPS(), r.Logins.P99.Round(time.Millisecond),
		TargetLoginsPerSecond, TargetLoginP99, Verdict(lg))
	fmt.Fprintf(&b, "flood of %.0f invalid tokens/s: route p99 %v vs %v baseline = %.2fx, median of rounds %s (target <= %.0fx: %s)",
		r.Flood.RPS(), r.UnderFlood.P99.Round(time.Microsecond), r.Baseline.P99.Round(time.Microsecond), r.FloodRatio(), formatRatios(r.Ratios), TargetFloodP99Ratio, Verdict(fl))
	return b.String()
}

// formatRatios lists ratios as "1.52x, 1.87x, …".
func formatRatios(ratios []float64) string {
	parts := make([]string, len(ratios))
	for i, x := range ratios {
		parts[i] = fmt.Sprintf("%.2fx", x)
	}
	return strings.Join(parts, ", ")
}

// Verdict formats whether a measured figure meets its target.
func Verdict(ok bool) string {
	if ok {
		return "meets target"
	}
	return "MISSES target"
}

// RunSecurityBench measures the security figures against a running host at
// baseURL (rate limiting must be off: max_request_per_minute 0):
// concurrent logins, then a cheap authenticated route alone and under a
// flood of malformed and forged bearer tokens (well-formed ES512 tokens
// with random signatures, each one different, so no cache can help).
func RunSecurityBench(ctx context.Context, baseURL string, o SecurityOptions) (SecurityReport, error) {
	o.defaults()
	var rep SecurityReport
	login := func(pass string) func() *http.Request {
		return func() *http.Request {
			req, _ := http.NewRequest(http.MethodPost, baseURL+"/security/user/authenticate", nil)
			req.SetBasicAuth(o.User, pass)
			return req
		}
	}
	rep.Logins = Load(ctx, fmt.Sprintf("POST login (%d clients)", o.LoginClients), o.NewClient(o.LoginClients), o.LoginClients, o.Duration, 0, http.StatusOK, login(o.Password))
	if o.FailedLogins {
		r := Load(ctx, fmt.Sprintf("POST login, wrong password (%d clients)", o.LoginClients), o.NewClient(o.LoginClients), o.LoginClients, o.Duration, 0, http.StatusUnauthorized, login(o.Password+"x"))
		rep.FailedLogins = &r
	}
	token, err := loginToken(o.NewClient(1), baseURL, o.User, o.Password)
	if err != nil {
		return rep, err
	}
	route := func() *http.Request {
		req, _ := http.NewRequest(http.MethodGet, baseURL+o.Route, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		return req
	}
	routeClient := o.NewClient(o.RouteClients)
	type round struct{ base, under, flood Report }
	rounds := make([]round, 0, o.Rounds)
	for range o.Rounds {
		var r round
		r.base = Load(ctx, fmt.Sprintf("GET %s (%d clients)", o.Route, o.RouteClients), routeClient, o.RouteClients, o.Duration, 0, http.StatusOK, route)
		floodCtx, stop := context.WithCancel(ctx)
		floodDone := make(chan Report, 1)
		go func() { floodDone <- flood(floodCtx, baseURL+o.Route, o) }()
		time.Sleep(500 * time.Millisecond)
		r.under = Load(ctx, fmt.Sprintf("GET %s under flood (%d clients)", o.Route, o.RouteClients), routeClient, o.RouteClients, o.Duration, 0, http.StatusOK, route)
		stop()
		r.flood = <-floodDone
		rounds = append(rounds, r)
		rep.Ratios = append(rep.Ratios, p99Ratio(r.under, r.base))
	}
	median := slices.Clone(rounds)
	slices.SortFunc(median, func(a, b round) int { return cmp.Compare(p99Ratio(a.under, a.base), p99Ratio(b.under, b.base)) })
	mid := median[len(median)/2]
	rep.Baseline, rep.UnderFlood, rep.Flood = mid.base, mid.under, mid.flood
	return rep, nil
}

func (o *SecurityOptions) defaults() {
	if o.User == "" {
		o.User = "wazuh"
	}
	if o.Duration <= 0 {
		o.Duration = 5 * time.Second
	}
	if o.LoginClients <= 0 {
		o.LoginClients = 10
	}
	if o.Rounds <= 0 {
		o.Rounds = 3
	}
	if o.RouteClients <= 0 {
		o.RouteClients = 4
	}
	if o.Route == "" {
		o.Route = "/"
	}
	if o.FloodRate <= 0 {
		o.FloodRate = 5000
	}
	if o.FloodClients <= 0 {
		o.FloodClients = 32
	}
	if o.NewClient == nil {
		o.NewClient = Client
	}
}

// loginToken returns a token for user.
func loginToken(client *http.Client, baseURL, user, password string) (string, error) {
	req, _ := http.NewRequest(http.MethodPost, baseURL+"/security/user/authenticate?raw=true", nil)
	req.SetBasicAuth(user, password)
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("bench: login: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("bench: login status %d: %v", resp.StatusCode, err)
	}
	return string(body), nil
}

// flood sends invalid tokens at o.FloodRate until ctx ends: half are
// malformed; the rest are forged ES512 tokens whose claims pass every
// structural check (audience, subject, validity window) but whose random
// signature forces the server to either verify it or refuse it unverified;
// one in ten of those is dated an hour back (still unexpired), as a token
// from before a restart would be, so only a signature check can refuse it.
func flood(ctx context.Context, url string, o SecurityOptions) Report {
	enc := base64.RawURLEncoding
	now := time.Now().Unix()
	forged := func(nbf int64) string {
		payload, _ := json.Marshal(map[string]any{"iss": "wazuh", "aud": "Wazuh API REST", "nbf": nbf, "exp": now + 900,
			"sub": o.User, "run_as": false, "rbac_roles": []int{1}, "rbac_mode": "white"})
		return enc.EncodeToString([]byte(`{"alg":"ES512","typ":"JWT"}`)) + "." + enc.EncodeToString(payload) + "."
	}
	current, backdated := forged(now), forged(now-3600)
	client := o.NewClient(o.FloodClients)
	interval := time.Duration(float64(time.Second) * float64(o.FloodClients) / float64(o.FloodRate))
	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      atomic.Int64
	)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range o.FloodClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), uint64(start.UnixNano())))
			sig := make([]byte, 132)
			local := make([]time.Duration, 0, 1024)
			next := time.Now().Add(time.Duration(rng.Int64N(int64(interval) + 1)))
			for i := 0; ctx.Err() == nil; i++ {
				if d := time.Until(next); d > 0 {
					select {
					case <-ctx.Done():
					case <-time.After(d):
					}
				}
				next = next.Add(interval)
				for j := range sig {
					sig[j] = byte(rng.Uint32())
				}
				var token string
				switch {
				case i%2 == 1 || o.MalformedOnly:
					token = strings.Repeat("x", 16+i%64) + "." + enc.EncodeToString(sig[:24])
				case i%20 == 0:
					token = backdated + enc.EncodeToString(sig)
				default:
					token = current + enc.EncodeToString(sig)
				}
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
				req.Header.Set("Authorization", "Bearer "+token)
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						errs.Add(1)
					}
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				local = append(local, time.Since(t0))
				if resp.StatusCode != http.StatusUnauthorized {
					errs.Add(1)
				}
			}
			mu.Lock()
			latencies = append(latencies, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	r := Report{Name: fmt.Sprintf("flood: invalid tokens (%d/s target)", o.FloodRate), Requests: len(latencies), Errors: int(errs.Load()), Elapsed: time.Since(start)}
	r.P50, r.P99 = percentile(latencies, 50), percentile(latencies, 99)
	return r
}
