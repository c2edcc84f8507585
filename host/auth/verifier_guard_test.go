package auth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// guardChecker accepts user "wazuh" and counts CheckToken calls.
type guardChecker struct {
	gen    atomic.Uint64
	calls  atomic.Int64
	reject atomic.Bool
}

func (c *guardChecker) CheckToken(cl *Claims) (int64, error) {
	c.calls.Add(1)
	if cl.Subject != "wazuh" || c.reject.Load() {
		return 0, ErrInvalidToken
	}
	return 1, nil
}

func (c *guardChecker) Generation() uint64 { return c.gen.Load() }

func newGuardVerifier(t *testing.T) (*Verifier, *Keys, *guardChecker) {
	t.Helper()
	keys, err := NewKeys(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	chk := &guardChecker{}
	return NewVerifier(keys, chk, func() (int64, string) { return 900, "white" }), keys, chk
}

func guardClaims() *Claims {
	now := time.Now().Unix()
	return &Claims{Issuer: Issuer, Audience: Audience, NotBefore: now, ExpiresAt: now + 900, Subject: "wazuh", RBACRoles: []int64{1}, RBACMode: "white"}
}

// The verified-token cache honours every invalidation at once: a change
// of the checker's generation re-runs CheckToken, a rotation re-verifies,
// and without a generation change the cached verdict stands.
func TestVerifierGenerationAndRotation(t *testing.T) {
	v, keys, chk := newGuardVerifier(t)
	tok, _ := Sign(keys.Current(), guardClaims())
	for i := 0; i < 3; i++ {
		if _, err := v.Verify(tok); err != nil {
			t.Fatal(err)
		}
	}
	if n := chk.calls.Load(); n != 1 {
		t.Fatalf("cached token re-checked %d times", n)
	}
	chk.reject.Store(true)
	if _, err := v.Verify(tok); err != nil {
		t.Fatalf("without a generation change the cached verdict stands: %v", err)
	}
	chk.gen.Add(1)
	if _, err := v.Verify(tok); err != ErrInvalidToken {
		t.Fatalf("generation change not honoured: %v", err)
	}
	chk.reject.Store(false)
	if err := keys.Rotate(); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(tok); err != ErrInvalidToken {
		t.Fatalf("token of a rotated key accepted: %v", err)
	}
}

// Admit records an issued token: it never costs a signature verification,
// yet its claims are still checked on every use.
func TestVerifierAdmit(t *testing.T) {
	v, _, chk := newGuardVerifier(t)
	v.LimitSignatureChecks(1, 1, 1)
	v.gate.mu.Lock()
	v.gate.tokens = 0 // no signature budget: only the issued record can vouch
	v.gate.mu.Unlock()
	adm := v.Admission()
	tok, _ := Sign(adm.KeyPair, guardClaims())
	v.Admit(adm, tok, guardClaims())
	if _, err := v.Verify(tok); err != nil {
		t.Fatalf("admitted token: %v", err)
	}
	chk.reject.Store(true)
	chk.gen.Add(1)
	if _, err := v.Verify(tok); err != ErrInvalidToken {
		t.Fatalf("checker verdict ignored for an admitted token: %v", err)
	}
	other, _ := Sign(adm.KeyPair, guardClaims())
	chk.reject.Store(false)
	if _, err := v.Verify(other); err != ErrInvalidToken {
		t.Fatalf("unadmitted token verified without budget: %v", err)
	}
}

// With SoleIssuer, a token this process did not issue and dated after its
// key pair was loaded is refused without signature work; an older one is
// verified (a token from before a restart).
func TestVerifierSoleIssuer(t *testing.T) {
	v, keys, _ := newGuardVerifier(t)
	v.SetClock(func() time.Time { return time.Now().Add(10 * time.Second) })
	v.SoleIssuer()
	v.LimitSignatureChecks(0, 0, 1)
	kp := keys.Current()
	later := guardClaims()
	later.NotBefore = kp.Loaded.Unix() + 1
	later.ExpiresAt = later.NotBefore + 900
	notIssued, _ := Sign(kp, later)
	if _, err := v.Verify(notIssued); err != ErrInvalidToken {
		t.Fatalf("unissued recent token accepted: %v", err)
	}
	older := guardClaims()
	older.NotBefore = kp.Loaded.Unix() - 60
	older.ExpiresAt = older.NotBefore + 900
	beforeRestart, _ := Sign(kp, older)
	if _, err := v.Verify(beforeRestart); err != nil {
		t.Fatalf("token from before the key was loaded: %v", err)
	}
	adm := v.Admission()
	issued, _ := Sign(adm.KeyPair, later)
	v.Admit(adm, issued, later)
	if _, err := v.Verify(issued); err != nil {
		t.Fatalf("issued token: %v", err)
	}
}

// A flood of well-formed tokens that were never issued cannot consume more
// than the signature budget; malformed ones cost no signature work at all.
func TestVerifierSignatureBudget(t *testing.T) {
	v, keys, _ := newGuardVerifier(t)
	v.LimitSignatureChecks(5, 5, 1)
	foreign, _ := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	backdated := guardClaims()
	backdated.NotBefore -= 3600 // beyond SoleIssuer's reach: only the budget helps
	forged, _ := Sign(&KeyPair{Private: foreign, Public: &foreign.PublicKey}, backdated)
	frozen := time.Now()
	v.gate.now = func() time.Time { return frozen } // no refill during the flood
	var wg sync.WaitGroup
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			tok := forged[:len(forged)-4] + string(rune('A'+i%26)) + string(rune('A'+i/26%26)) + "AA"
			_, _ = v.Verify(tok)
			_, _ = v.Verify("garbage." + tok)
		}(i)
	}
	wg.Wait()
	v.gate.mu.Lock()
	granted := v.gate.granted
	v.gate.mu.Unlock()
	if granted > 5 {
		t.Fatalf("200 forged tokens got %d signature verifications; the budget is 5", granted)
	}
	legit, _ := Sign(keys.Current(), guardClaims())
	v.gate.mu.Lock()
	v.gate.tokens = 1
	v.gate.mu.Unlock()
	if _, err := v.Verify(legit); err != nil {
		t.Fatalf("legitimate token within budget: %v", err)
	}
}
