package auth

import (
	"crypto/sha256"
	"sync"
	"time"
)

// Identity is what a verified token grants.
type Identity struct {
	// UserID is the user's id in rbac.db.
	UserID int64
	// Claims are the token's claims.
	Claims *Claims
}

// Checker validates a signed token's claims against the current RBAC state
// (user exists, role set unchanged, not blacklisted: security.md §1.4 step 2).
type Checker interface {
	// CheckToken returns the user's id, or ErrInvalidToken.
	CheckToken(c *Claims) (userID int64, err error)
	// Generation changes whenever a user, role relation or blacklist
	// changes, so cached verdicts are re-checked at once.
	Generation() uint64
}

// SecurityConfig returns the current auth_token_exp_timeout (seconds) and
// rbac_mode, compared with each token's (a mismatch is "Token expired").
type SecurityConfig func() (timeout int64, mode string)

// Verifier authenticates bearer tokens with a verified-token cache: a token
// seen before costs a map lookup plus the claims checks, not an ES512
// verification. Entries are dropped when the key pair rotates, when the
// checker's generation moves, or when the token expires.
type Verifier struct {
	keys    *Keys
	checker Checker
	sec     SecurityConfig
	now     func() time.Time

	gate   *verifyGate
	issued issuedSet
	// soleIssuer makes tokens this process did not issue, dated after
	// their key pair was loaded, invalid without signature work.
	soleIssuer bool

	mu       sync.RWMutex
	verified map[string]verifiedEntry
	rejected map[[32]byte]struct{}
}

type verifiedEntry struct {
	kp     *KeyPair
	gen    uint64
	userID int64
	claims *Claims
}

// maxCacheEntries bounds each cache; on overflow the cache is reset.
const maxCacheEntries = 65536

// NewVerifier returns a Verifier with the default signature-verification
// budget (DefaultVerifyRate per second, half the CPUs at once).
func NewVerifier(keys *Keys, checker Checker, sec SecurityConfig) *Verifier {
	return &Verifier{keys: keys, checker: checker, sec: sec, now: time.Now,
		gate:     newVerifyGate(DefaultVerifyRate, DefaultVerifyBurst, 0, time.Now),
		verified: map[string]verifiedEntry{}, rejected: map[[32]byte]struct{}{}}
}

// SetClock replaces the time source of expiry checks (tests). Call it
// before the Verifier is used.
func (v *Verifier) SetClock(now func() time.Time) {
	v.now = now
	v.gate.now = now
}

// LimitSignatureChecks replaces the signature-verification budget: at most
// perSecond verifications per second with bursts of burst (perSecond <= 0
// means unlimited) and concurrent at once (<= 0 means half the CPUs). Call
// it before the Verifier is used.
func (v *Verifier) LimitSignatureChecks(perSecond, burst, concurrent int) {
	v.gate = newVerifyGate(perSecond, burst, concurrent, v.now)
}

// Verify authenticates token. It returns ErrInvalidToken or ErrTokenExpired
// on failure.
func (v *Verifier) Verify(token string) (*Identity, error) {
	now := v.now().Unix()
	kp := v.keys.Current()
	gen := v.checker.Generation()
	v.mu.RLock()
	e, hit := v.verified[token]
	v.mu.RUnlock()
	if hit && e.kp == kp && e.gen == gen && now < e.claims.ExpiresAt {
		if err := v.checkConfig(e.claims); err != nil {
			return nil, err
		}
		return &Identity{UserID: e.userID, Claims: e.claims}, nil
	}
	claims, err := precheck(token, now)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(token))
	v.mu.RLock()
	_, bad := v.rejected[sum]
	v.mu.RUnlock()
	if bad {
		return nil, ErrInvalidToken
	}
	if !(hit && e.kp == kp) {
		if err := v.checkSignature(token, sum, kp, claims); err != nil {
			return nil, err
		}
	}
	userID, err := v.checker.CheckToken(claims)
	if err != nil {
		return nil, ErrInvalidToken
	}
	if err := v.checkConfig(claims); err != nil {
		return nil, err
	}
	v.remember(func() { v.verified[token] = verifiedEntry{kp: kp, gen: gen, userID: userID, claims: claims} })
	return &Identity{UserID: userID, Claims: claims}, nil
}

// checkSignature establishes that token was signed with kp: known at once
// for tokens this process issued; refused without signature work for
// tokens it would have issued itself (SoleIssuer) and for tokens beyond the
// verification budget; otherwise verified.
func (v *Verifier) checkSignature(token string, sum [32]byte, kp *KeyPair, claims *Claims) error {
	issued, complete := v.issued.lookup(kp, sum)
	if issued {
		return nil
	}
	if v.soleIssuer && complete && claims.NotBefore > kp.Loaded.Unix() {
		return ErrInvalidToken
	}
	if !v.gate.acquire() {
		return ErrInvalidToken
	}
	err := verifySignature(token, kp)
	v.gate.release()
	if err != nil {
		v.remember(func() { v.rejected[sum] = struct{}{} })
		return ErrInvalidToken
	}
	return nil
}

// SoleIssuer declares this process the only issuer of tokens for the key
// pairs it loads or creates (the API server itself, never a second process
// sharing the key files). A token it did not issue whose nbf is after the
// pair was loaded is then refused without any signature work, which keeps
// floods of forged tokens cheap. Call it before the Verifier is used.
func (v *Verifier) SoleIssuer() { v.soleIssuer = true }

// Admission is the key pair a login signs its token with.
type Admission struct {
	// KeyPair signs the new token.
	KeyPair *KeyPair
}

// Admission returns the key pair to sign a new token with; pass it to Admit
// with the signed token.
func (v *Verifier) Admission() Admission {
	return Admission{KeyPair: v.keys.Current()}
}

// Admit records a token this process has just signed, so that it never
// costs a signature verification. Its claims are still checked on every
// use (a token issued in the same second as an invalidation is rejected,
// as in Wazuh).
func (v *Verifier) Admit(a Admission, token string, claims *Claims) {
	v.issued.add(a.KeyPair, token, claims.ExpiresAt, v.now().Unix())
}

func (v *Verifier) checkConfig(c *Claims) error {
	timeout, mode := v.sec()
	if c.RBACMode != mode || c.ExpiresAt-c.NotBefore != timeout {
		return ErrTokenExpired
	}
	return nil
}

func (v *Verifier) remember(store func()) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.verified) >= maxCacheEntries || len(v.rejected) >= maxCacheEntries {
		v.verified = map[string]verifiedEntry{}
		v.rejected = map[[32]byte]struct{}{}
	}
	store()
}

// Purge drops every cached verdict (key rotation, security config change).
func (v *Verifier) Purge() {
	v.mu.Lock()
	v.verified = map[string]verifiedEntry{}
	v.rejected = map[[32]byte]struct{}{}
	v.mu.Unlock()
}
