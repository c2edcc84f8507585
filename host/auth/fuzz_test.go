package auth

import (
	"strings"
	"testing"
)

// FuzzTokenPrecheck feeds arbitrary strings to the structural checks that
// run before any signature work: they must never panic, and whatever they
// accept must be a three-part token with an ES512 header, a P-521-sized
// signature, Wazuh's audience, a subject and a current validity window.
func FuzzTokenPrecheck(f *testing.F) {
	for _, s := range []string{
		"", ".", "..", "a.b.c", "not-a-jwt",
		"eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCJ9.e30.",
		"eyJhbGciOiJub25lIn0.eyJhdWQiOiJXYXp1aCBBUEkgUkVTVCIsInN1YiI6Ind henVoIn0.",
		"eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJXYXp1aCBBUEkgUkVTVCJ9.c2ln",
	} {
		f.Add(s, int64(1_700_000_000))
	}
	f.Fuzz(func(t *testing.T, token string, now int64) {
		c, err := precheck(token, now)
		if err != nil {
			if c != nil {
				t.Fatal("claims returned with an error")
			}
			return
		}
		if strings.Count(token, ".") != 2 || len(token) > maxTokenLen {
			t.Fatalf("accepted malformed token %q", token)
		}
		if c.Audience != Audience || c.Subject == "" || now >= c.ExpiresAt || (c.NotBefore != 0 && now < c.NotBefore) {
			t.Fatalf("accepted claims %+v at %d", c, now)
		}
	})
}
