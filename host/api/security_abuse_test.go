package api

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Tests named TestSec9Abuse* cover security.md §9 "Abuse controls".

const bodyBlocked = `{"title": "Permission Denied", "detail": "Limit of login attempts reached. The current IP has been blocked due to a high number of login attempts", "error": 6000}`

func loginFrom(e *secEnv, ip, user, pass string) int {
	req := httpReq(http.MethodPost, "/security/user/authenticate", "")
	req.RemoteAddr = ip + ":40000"
	req.SetBasicAuth(user, pass)
	return e.serveReq(req).Code
}

// §9: the 50th failed login from an IP returns 401, the 51st request 403
// (6000) even with correct credentials; other endpoints keep working with
// an existing token.
func TestSec9AbuseLoginBlocking(t *testing.T) {
	e := newSecEnv(t, nil)
	tok := e.admin()
	for i := 1; i <= 50; i++ {
		if code := loginFrom(e, "192.0.2.1", "wazuh", "bad"); code != 401 {
			t.Fatalf("failure %d: %d", i, code)
		}
	}
	req := httpReq(http.MethodPost, "/security/user/authenticate", "")
	req.RemoteAddr = "192.0.2.1:40000"
	req.SetBasicAuth("wazuh", "wazuh")
	expect(t, e.serveReq(req), 403, bodyBlocked)
	run := httpReq(http.MethodPost, runAsPath, `{}`)
	run.RemoteAddr = "192.0.2.1:40000"
	expect(t, e.serveReq(run), 403, bodyBlocked)
	get := httpReq(http.MethodGet, "/security/users/me", "")
	get.RemoteAddr = "192.0.2.1:40000"
	get.Header.Set("Authorization", "Bearer "+tok)
	expectStatus(t, e.serveReq(get), 200)
	if !strings.Contains(e.log.String(), "IP blocked due to exceeded number of logins attempts: 192.0.2.1") {
		t.Fatalf("no block warning in log:\n%s", e.log)
	}
}

// §9: the block lifts block_time after the first failure (not the last);
// another IP is unaffected; successes do not reset the counter.
func TestSec9AbuseBlockWindowAndPerIP(t *testing.T) {
	e := newSecEnv(t, func(o *Options) { o.MaxLoginAttempts = 3; o.BlockTime = 300 * time.Second })
	loginFrom(e, "192.0.2.7", "wazuh", "bad")
	if loginFrom(e, "192.0.2.7", "wazuh", "wazuh") != 200 {
		t.Fatal("success before the limit refused")
	}
	e.clock.Advance(200 * time.Second)
	loginFrom(e, "192.0.2.7", "wazuh", "bad")
	loginFrom(e, "192.0.2.7", "wazuh", "bad")
	if code := loginFrom(e, "192.0.2.7", "wazuh", "wazuh"); code != 403 {
		t.Fatalf("not blocked after 3 failures: %d", code)
	}
	if code := loginFrom(e, "192.0.2.8", "wazuh", "wazuh"); code != 200 {
		t.Fatalf("another IP: %d", code)
	}
	e.clock.Advance(99 * time.Second)
	if code := loginFrom(e, "192.0.2.7", "wazuh", "wazuh"); code != 403 {
		t.Fatalf("unblocked before block_time from the first failure: %d", code)
	}
	e.clock.Advance(time.Second)
	if code := loginFrom(e, "192.0.2.7", "wazuh", "wazuh"); code != 200 {
		t.Fatalf("still blocked block_time after the first failure: %d", code)
	}
}

// slowUsers delays every password check so concurrent attempts overlap.
type slowUsers struct {
	next   UserAuthenticator
	checks atomic.Int64
}

func (s *slowUsers) Authenticate(ctx context.Context, user, pass string) (int64, []int64, error) {
	s.checks.Add(1)
	time.Sleep(20 * time.Millisecond)
	return s.next.Authenticate(ctx, user, pass)
}

// §9: 100 parallel bad logins produce at most max_login_attempts password
// checks (CVE-2026-26206): attempts are reserved before the check.
func TestSec9AbuseParallelBadLoginsBounded(t *testing.T) {
	slow := &slowUsers{}
	e := newSecEnv(t, func(o *Options) {
		slow.next = o.Users
		o.Users = slow
		o.MaxLoginAttempts = 10
	})
	var wg sync.WaitGroup
	var unauthorized, blocked atomic.Int64
	start := make(chan struct{})
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			switch loginFrom(e, "198.51.100.1", "wazuh", "bad") {
			case 401:
				unauthorized.Add(1)
			case 403:
				blocked.Add(1)
			}
		}()
	}
	close(start)
	wg.Wait()
	if n := slow.checks.Load(); n > 10 {
		t.Fatalf("%d password checks for max_login_attempts 10", n)
	}
	if unauthorized.Load() != 10 || blocked.Load() != 90 {
		t.Fatalf("401s %d, 403s %d", unauthorized.Load(), blocked.Load())
	}
}

// §9: request 301 within 60 s gives 429 (6001); /events beyond 30 per
// minute gives 429 (6005, "remediation": null); max_request_per_minute 0
// disables both.
func TestSec9AbuseRateLimits(t *testing.T) {
	e := newSecEnv(t, func(o *Options) { o.MaxRequestPerMinute = 300 })
	for i := 1; i <= 300; i++ {
		if rec := e.call(http.MethodGet, "/", "", ""); rec.Code != 401 {
			t.Fatalf("request %d: %d", i, rec.Code)
		}
	}
	expect(t, e.call(http.MethodGet, "/", "", ""), 429,
		`{"title": "Too Many Requests", "detail": "Maximum number of requests per minute reached", "remediation": "This limit can be changed in api.yaml file. More information here: https://documentation.wazuh.com/4.14/user-manual/api/configuration.html#configuration-file", "error": 6001}`)
	e.clock.Advance(time.Minute)
	if rec := e.call(http.MethodGet, "/", "", ""); rec.Code != 401 {
		t.Fatalf("new window: %d", rec.Code)
	}

	ev := newSecEnv(t, func(o *Options) { o.MaxRequestPerMinute = 300 })
	for i := 1; i <= 30; i++ {
		if rec := ev.call(http.MethodPost, "/events", "", `{"events": ["x"]}`); rec.Code == 429 {
			t.Fatalf("/events request %d limited", i)
		}
	}
	expect(t, ev.call(http.MethodPost, "/events", "", `{"events": ["x"]}`), 429,
		`{"title": "Too Many Requests", "detail": "Maximum number of requests per minute reached", "remediation": null, "error": 6005}`)
	if rec := ev.call(http.MethodGet, "/", "", ""); rec.Code != 401 {
		t.Fatalf("other routes limited with /events: %d", rec.Code)
	}

	off := newSecEnv(t, func(o *Options) { o.MaxRequestPerMinute = 0 })
	for i := 0; i < 400; i++ {
		if rec := off.call(http.MethodPost, "/events", "", `{}`); rec.Code == 429 {
			t.Fatal("limited with max_request_per_minute 0")
		}
	}
}
