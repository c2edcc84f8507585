package auth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"strconv"
	"testing"
	"time"
)

// BenchmarkVerifyFlood measures what one bearer token costs the verifier: a
// cached valid token, a malformed one, and forged ES512 tokens (each one
// different) dated after the key was loaded (SoleIssuer refuses them
// unverified) or before it (signature budget).
func BenchmarkVerifyFlood(b *testing.B) {
	keys, err := NewKeys(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	v := NewVerifier(keys, &guardChecker{}, func() (int64, string) { return 900, "white" })
	v.SetClock(func() time.Time { return time.Now().Add(10 * time.Second) })
	v.SoleIssuer()
	foreign, _ := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	fkp := &KeyPair{Private: foreign, Public: &foreign.PublicKey}
	now := time.Now().Add(10 * time.Second).Unix()
	claims := func(nbf int64) *Claims {
		return &Claims{Issuer: Issuer, Audience: Audience, NotBefore: nbf, ExpiresAt: nbf + 900, Subject: "wazuh", RBACRoles: []int64{1}, RBACMode: "white"}
	}
	adm := v.Admission()
	valid, _ := Sign(adm.KeyPair, claims(now))
	v.Admit(adm, valid, claims(now))
	forgedNew, _ := Sign(fkp, claims(now))
	old := claims(now - 3600)
	old.ExpiresAt = now + 3600 // still unexpired: only a signature check can refuse it
	forgedOld, _ := Sign(fkp, old)
	variant := func(tok string, i int) string {
		s := strconv.Itoa(i % 1000000)
		return tok[:len(tok)-len(s)] + s
	}
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			if _, err := v.Verify(valid); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("malformed", func(b *testing.B) {
		for b.Loop() {
			_, _ = v.Verify("x.y")
		}
	})
	b.Run("forged_recent", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			_, _ = v.Verify(variant(forgedNew, i))
		}
	})
	b.Run("forged_backdated", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			_, _ = v.Verify(variant(forgedOld, i))
		}
	})
}
