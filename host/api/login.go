package api

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pyjson"
	"github.com/wazuh-go/server/sdk/query"
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
	if st != nil && st.attempts > 0 && g.now().Sub(st.first) >= g.block {
		// Only settled failures are cleared; attempts still in flight
		// keep their reservation.
		st.attempts = 0
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
	if st.attempts == 0 && st.pending == 0 {
		delete(g.ip, ip)
	}
}

func (s *Server) loginDeprecated(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Deprecated", "true")
	w.Header().Set("Link", "<https://documentation.wazuh.com/"+APIVersion+
		`/user-manual/api/reference.html#operation/api.controllers.security_controller.login_user>; rel="Deprecated"`)
	s.login(w, r)
}

// login serves POST (and deprecated GET) /security/user/authenticate.
func (s *Server) login(w http.ResponseWriter, r *http.Request) { s.authenticate(w, r, false) }

// authenticate is the login flow shared with run_as (security.md §1.4,
// §2.5, §5): the per-IP block (403, 6000) and, for run_as, the 8192-byte
// body limit (413) come first; then Basic credentials, where every 401
// counts as a failed attempt, reserved before the password is checked;
// then the raw parameter, the run_as body, and the token.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request, runAs bool) {
	ip := clientIP(r)
	if !s.logins.begin(ip) {
		s.opts.Logger.Warn("IP blocked due to exceeded number of logins attempts: " + ip)
		writeProblem(w, problemLoginBlocked)
		return
	}
	failed := false
	defer func() { s.logins.end(ip, failed) }()
	var body []byte
	if runAs {
		var p *problem
		if body, p = readRunAsBody(r, s.opts.MaxUploadSize); p != nil {
			writeProblem(w, *p)
			return
		}
	}
	user, pass, ok := r.BasicAuth()
	if !ok {
		failed = true
		writeProblem(w, problemBadCredentials)
		return
	}
	rec, _ := w.(*statusRecorder)
	if rec != nil {
		rec.user = user
		rec.body = body
	}
	adm := s.opts.Verifier.Admission()
	userID, roles, err := s.opts.Users.Authenticate(r.Context(), user, pass)
	if err != nil {
		failed = true
		writeProblem(w, problemBadCredentials)
		return
	}
	q := queryValues(r)
	if p := checkLoginQuery(q); p != nil {
		writeProblem(w, *p)
		return
	}
	timeout, mode := s.opts.Security()
	now := s.opts.Clock().Unix()
	claims := &auth.Claims{
		Issuer: auth.Issuer, Audience: auth.Audience, NotBefore: now, ExpiresAt: now + timeout,
		Subject: user, RBACRoles: roles, RBACMode: mode,
	}
	if len(body) > 0 {
		if p := s.runAsClaims(r, body, claims); p != nil {
			writeProblem(w, *p)
			return
		}
		if rec != nil {
			rec.authHash = claims.HashAuthContext
		}
	}
	token, err := auth.Sign(adm.KeyPair, claims)
	if err != nil {
		s.opts.Logger.Error("sign token", "user_id", userID, "error", err)
		writeProblem(w, problemFromError(sdk.NewError(6003), ""))
		return
	}
	s.opts.Verifier.Admit(adm, token, claims)
	if v, _ := query.LastValue(q, "raw"); strings.EqualFold(v, "true") {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(token))
		return
	}
	writeJSON(w, r, http.StatusOK, sdk.WazuhResult{Data: map[string]string{"token": token}})
}

// checkLoginQuery accepts only raw, a boolean without default.
func checkLoginQuery(q url.Values) *problem {
	if err := query.CheckAllowed(q, "raw"); err != nil {
		p := problemFromError(err, "")
		return &p
	}
	if v, ok := query.LastValue(q, "raw"); ok && !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
		p := problemBadRequest(pyjson.StrRepr(v) + " is not of type 'boolean'. Failed validating 'type' in schema: {'type': 'boolean'}. On instance: " + pyjson.StrRepr(v))
		return &p
	}
	return nil
}
