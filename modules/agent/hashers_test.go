package main

import (
	"encoding/hex"
	"testing"
)

// Python: hashlib.blake2b(b"").hexdigest() and hashlib.blake2s(b"abc").hexdigest().
func TestBlake2MatchesPythonHashlib(t *testing.T) {
	for algo, c := range map[string]struct{ in, want string }{
		"blake2b": {"", "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"},
		"blake2s": {"abc", "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982"},
	} {
		h := hashers[algo]()
		h.Write([]byte(c.in))
		if got := hex.EncodeToString(h.Sum(nil)); got != c.want {
			t.Fatalf("%s: %s", algo, got)
		}
	}
}
