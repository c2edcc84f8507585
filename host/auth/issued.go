package auth

import (
	"crypto/sha256"
	"sync"
)

// maxIssued bounds the record of issued tokens. Beyond it (after dropping
// expired entries) the record is marked incomplete and stops vouching that
// an unknown token was not issued here.
const maxIssued = 1 << 18

// issuedSet remembers the tokens this process signed with one key pair,
// until they expire: their signatures are known good, and while the record
// is complete, a token it lacks whose nbf is after the pair was loaded
// cannot have been issued here.
type issuedSet struct {
	mu       sync.Mutex
	kp       *KeyPair
	exp      map[[sha256.Size]byte]int64
	complete bool
}

// add records token, signed with kp, expiring at exp.
func (s *issuedSet) add(kp *KeyPair, token string, exp, now int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.kp != kp {
		s.kp, s.exp, s.complete = kp, map[[sha256.Size]byte]int64{}, true
	}
	if len(s.exp) >= maxIssued {
		for k, e := range s.exp {
			if e <= now {
				delete(s.exp, k)
			}
		}
		if len(s.exp) >= maxIssued {
			s.complete = false
			return
		}
	}
	s.exp[sha256.Sum256([]byte(token))] = exp
}

// lookup reports whether token was issued with kp, and whether the record
// for kp is complete (every token issued with kp since it was loaded).
func (s *issuedSet) lookup(kp *KeyPair, sum [sha256.Size]byte) (issued, complete bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.kp != kp {
		// Nothing issued with kp yet: the record is trivially complete.
		return false, true
	}
	_, issued = s.exp[sum]
	return issued, s.complete
}
