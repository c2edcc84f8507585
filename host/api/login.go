package api

import (
	"net/http"
	"sync"
	"time"

	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/sdk"
)

// loginGuard is Wazuh's per-IP brute-force protection (security.md §5),
// made race-free: the attempt is reserved atomically before the password is
// checked, so concurrent bursts cannot exceed the limit (CVE-2026-26206).
type loginGuard struct {
	max   int
	block time.Duration
	now   func() time.Time

	mu sync.Mutex
	ip map[string]*ipStats
}

type ipStats struct {
	first    time.Time
	attempts int
	pending  int
}

func newLoginGuard(max int, block time.Duration) *loginGuard {
	return &loginGuard{max: max, block: block, now: time.Now, ip: map[string]*ipStats{}}
}

// begin reserves an attempt for ip. It returns false when the IP is blocked.
// The block window is anchored at the first failure and cleared on the next
// login request after block_time.
func (g *loginGuard) begin(ip string) bool {
	if g.max <= 0 {
		return true
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	st := g.ip[ip]
	if st != nil && g.now().Sub(st.first) >= g.block {
		delete(g.ip, ip)
		st = nil
	}
	if st == nil {
		st = &ipStats{}
		g.ip[ip] = st
	}
	if st.attempts+st.pending >= g.max {
		return false
	}
	st.pending++
	return true
}

// end settles a reserved attempt: failures count, successes do not reset.
func (g *loginGuard) end(ip string, failed bool) {
	if g.max <= 0 {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	st := g.ip[ip]
	if st == nil {
		return
	}
	st.pending--
	if failed {
		if st.attempts == 0 {
			st.first = g.now()
		}
		st.attempts++
	}
}

func (s *Server) loginDeprecated(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Deprecated", "true")
	w.Header().Set("Link", `<https://documentation.wazuh.com/4.14/user-manual/api/reference.html#operation/api.controllers.security_controller.login_user>; rel="Deprecated"`)
	s.login(w, r)
}

// login serves POST (and deprecated GET) /security/user/authenticate.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	ip := clientIP(r)
	if !s.logins.begin(ip) {
		writeProblem(w, problemLoginBlocked)
		return
	}
	failed := true
	defer func() { s.logins.end(ip, failed) }()
	user, pass, ok := r.BasicAuth()
	if !ok {
		writeProblem(w, problemBadCredentials)
		return
	}
	if rec, ok := w.(*statusRecorder); ok {
		rec.user = user
	}
	userID, roles, err := s.opts.Users.Authenticate(r.Context(), user, pass)
	if err != nil {
		writeProblem(w, problemBadCredentials)
		return
	}
	failed = false
	if p := checkQuery(r, []string{"raw"}); p != nil {
		writeProblem(w, *p)
		return
	}
	timeout, mode := s.opts.Security()
	now := time.Now().Unix()
	token, err := auth.Sign(s.opts.Keys.Current(), &auth.Claims{
		Issuer: auth.Issuer, Audience: auth.Audience, NotBefore: now, ExpiresAt: now + timeout,
		Subject: user, RBACRoles: roles, RBACMode: mode,
	})
	if err != nil {
		s.opts.Logger.Error("sign token", "user_id", userID, "error", err)
		writeProblem(w, problemFromError(sdk.NewError(6003), ""))
		return
	}
	if queryValues(r).Get("raw") == "true" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(token))
		return
	}
	writeJSON(w, r, http.StatusOK, sdk.WazuhResult{Data: map[string]string{"token": token}})
}
