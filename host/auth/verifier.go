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

// NewVerifier returns a Verifier.
func NewVerifier(keys *Keys, checker Checker, sec SecurityConfig) *Verifier {
	return &Verifier{keys: keys, checker: checker, sec: sec, now: time.Now,
		verified: map[string]verifiedEntry{}, rejected: map[[32]byte]struct{}{}}
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
		if err := verifySignature(token, kp); err != nil {
			v.remember(func() { v.rejected[sum] = struct{}{} }, len(v.rejected))
			return nil, ErrInvalidToken
		}
	}
	userID, err := v.checker.CheckToken(claims)
	if err != nil {
		return nil, ErrInvalidToken
	}
	if err := v.checkConfig(claims); err != nil {
		return nil, err
	}
	v.remember(func() { v.verified[token] = verifiedEntry{kp: kp, gen: gen, userID: userID, claims: claims} }, len(v.verified))
	return &Identity{UserID: userID, Claims: claims}, nil
}

func (v *Verifier) checkConfig(c *Claims) error {
	timeout, mode := v.sec()
	if c.RBACMode != mode || c.ExpiresAt-c.NotBefore != timeout {
		return ErrTokenExpired
	}
	return nil
}

func (v *Verifier) remember(store func(), size int) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if size >= maxCacheEntries {
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
