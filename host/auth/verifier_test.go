package auth

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

type countingChecker struct {
	gen    atomic.Uint64
	calls  atomic.Int64
	reject atomic.Bool
}

func (c *countingChecker) CheckToken(*Claims) (int64, error) {
	c.calls.Add(1)
	if c.reject.Load() {
		return 0, ErrInvalidToken
	}
	return 7, nil
}

func (c *countingChecker) Generation() uint64 { return c.gen.Load() }

func newTestVerifier(t testing.TB) (*Verifier, *Keys, *countingChecker, string) {
	t.Helper()
	keys, err := NewKeys(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	chk := &countingChecker{}
	v := NewVerifier(keys, chk, func() (int64, string) { return 900, "white" })
	now := time.Now().Unix()
	tok, err := Sign(keys.Current(), &Claims{Issuer: Issuer, Audience: Audience, NotBefore: now, ExpiresAt: now + 900, Subject: "wazuh", RBACRoles: []int64{1}, RBACMode: "white"})
	if err != nil {
		t.Fatal(err)
	}
	return v, keys, chk, tok
}

func TestVerifierCachesAndHonoursGenerationAndRotation(t *testing.T) {
	v, keys, chk, tok := newTestVerifier(t)
	for range 3 {
		id, err := v.Verify(tok)
		if err != nil || id.UserID != 7 || id.Claims.Subject != "wazuh" {
			t.Fatalf("verify: %v %+v", err, id)
		}
	}
	if chk.calls.Load() != 1 {
		t.Fatalf("checker called %d times, want 1 (cached)", chk.calls.Load())
	}
	chk.reject.Store(true)
	chk.gen.Add(1)
	if _, err := v.Verify(tok); !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("after invalidation: %v", err)
	}
	chk.reject.Store(false)
	if err := keys.Rotate(); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(tok); !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("after key rotation the old token must be invalid: %v", err)
	}
}

func TestVerifierRejectsSameBadTokenWithoutResigning(t *testing.T) {
	v, _, chk, tok := newTestVerifier(t)
	bad := tok[:len(tok)-6] + "AAAAAA"
	for range 2 {
		if _, err := v.Verify(bad); !errors.Is(err, ErrInvalidToken) {
			t.Fatalf("tampered token: %v", err)
		}
	}
	if chk.calls.Load() != 0 {
		t.Fatal("checker must not run for a token with a bad signature")
	}
}

// BenchmarkVerifyCached is the per-request cost of authenticating a token
// seen before (target ≤ 20 µs).
func BenchmarkVerifyCached(b *testing.B) {
	v, _, _, tok := newTestVerifier(b)
	if _, err := v.Verify(tok); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(tok); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyUncached is a full ES512 verification, for comparison.
func BenchmarkVerifyUncached(b *testing.B) {
	v, _, _, tok := newTestVerifier(b)
	v.LimitSignatureChecks(0, 0, 0) // no budget: measure the verification itself
	for b.Loop() {
		v.Purge()
		if _, err := v.Verify(tok); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRejectMalformed is the cost of refusing a malformed token.
func BenchmarkRejectMalformed(b *testing.B) {
	v, _, _, _ := newTestVerifier(b)
	for b.Loop() {
		_, _ = v.Verify("eyJhbGciOiJIUzI1NiJ9.e30.c2ln")
	}
}
