package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Report summarizes one load run.
type Report struct {
	// Name labels the run.
	Name string
	// Requests completed, and Errors among them (non-expected status or
	// transport failure).
	Requests, Errors int
	// Elapsed is the run's wall time.
	Elapsed time.Duration
	// P50 and P99 are latency percentiles.
	P50, P99 time.Duration
	// Bytes is the total response body size read.
	Bytes int64
	// DriverCPU is the CPU time (user and system) the load driver's own
	// process used during the run, divided by the requests: what the
	// measuring took from the machine it shares with the server.
	DriverCPU time.Duration
}

// RPS returns requests per second.
func (r Report) RPS() float64 { return float64(r.Requests) / r.Elapsed.Seconds() }

// String formats the report as one line.
func (r Report) String() string {
	return fmt.Sprintf("%-44s %8.0f req/s  p50 %8s  p99 %8s  (%d requests, %d errors, driver CPU %s/request)",
		r.Name, r.RPS(), r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond), r.Requests, r.Errors, r.DriverCPU.Round(time.Microsecond))
}

// Client returns an HTTPS client with keep-alive connections (HTTP/1.1,
// certificate not verified: the embedded default is self-signed). Each
// request runs on its caller's goroutine (inlineTransport) and times out
// after a minute unless its context says otherwise; n is kept for callers
// sizing their clients and does not limit the pool.
func Client(n int) *http.Client {
	_ = n
	return &http.Client{Transport: newInlineTransport()}
}

// Load runs concurrency workers sending newReq until duration (or maxReq
// requests in total, when > 0) and measures each request's latency. A
// response whose status differs from want counts as an error. Keep-alive
// connections are opened first (one untimed request per worker, when
// maxReq is 0), so figures describe steady keep-alive traffic rather than
// the burst of TLS handshakes at the start.
func Load(ctx context.Context, name string, client *http.Client, concurrency int, duration time.Duration, maxReq int, want int, newReq func() *http.Request) Report {
	if maxReq == 0 {
		warmUp(ctx, client, concurrency, newReq)
	}
	ctx, cancel := context.WithTimeout(ctx, duration)
	defer cancel()
	var (
		mu        sync.Mutex
		latencies []time.Duration
		errors    int
		bytes     int64
		issued    int
	)
	start, cpu0 := time.Now(), processCPU()
	var wg sync.WaitGroup
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make([]time.Duration, 0, 1024)
			var localErr int
			var localBytes int64
			for ctx.Err() == nil {
				mu.Lock()
				if maxReq > 0 && issued >= maxReq {
					mu.Unlock()
					break
				}
				issued++
				mu.Unlock()
				t0 := time.Now()
				resp, err := client.Do(newReq().WithContext(ctx))
				if err != nil {
					if ctx.Err() == nil {
						localErr++
						local = append(local, time.Since(t0))
					}
					continue
				}
				n, _ := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				local = append(local, time.Since(t0))
				localBytes += n
				if resp.StatusCode != want {
					localErr++
				}
			}
			mu.Lock()
			latencies = append(latencies, local...)
			errors += localErr
			bytes += localBytes
			mu.Unlock()
		}()
	}
	wg.Wait()
	r := Report{Name: name, Requests: len(latencies), Errors: errors, Elapsed: time.Since(start), Bytes: bytes}
	r.P50, r.P99 = percentile(latencies, 50), percentile(latencies, 99)
	if r.Requests > 0 {
		r.DriverCPU = (processCPU() - cpu0) / time.Duration(r.Requests)
	}
	return r
}

func percentile(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	i := (len(d)*p + 99) / 100
	if i > 0 {
		i--
	}
	return d[min(i, len(d)-1)]
}

// warmUp sends one request per worker concurrently, so that each worker's
// keep-alive connection exists before timing starts.
func warmUp(ctx context.Context, client *http.Client, concurrency int, newReq func() *http.Request) {
	var wg sync.WaitGroup
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if resp, err := client.Do(newReq().WithContext(ctx)); err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
}
