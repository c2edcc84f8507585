package rbac

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"sync"
)

const defaultCredCacheSize = 1024

// credKey identifies one successful verification: the username, the
// password and the stored hash it was verified against. A password change
// stores a new hash (new salt), so old entries can never match again.
type credKey [sha256.Size]byte

// credCache remembers verified credentials so that repeated logins do not
// redo scrypt. Keys are HMAC-SHA256 under a per-process random key, so the
// cache holds no password-derived value that can be attacked offline. It
// also deduplicates concurrent verifications of the same credentials.
type credCache struct {
	mu       sync.Mutex
	secret   []byte
	max      int
	entries  map[credKey]struct{}
	order    []credKey
	inflight map[credKey]*flight
}

// flight is one verification in progress that others may wait for.
type flight struct {
	done chan struct{}
	ok   bool
	err  error
}

func newCredCache(size int) *credCache {
	if size == 0 {
		size = defaultCredCacheSize
	}
	secret := make([]byte, 32)
	_, _ = rand.Read(secret) // crypto/rand.Read never fails on supported platforms
	return &credCache{
		secret:   secret,
		max:      size,
		entries:  map[credKey]struct{}{},
		inflight: map[credKey]*flight{},
	}
}

func (c *credCache) key(username, password, stored string) credKey {
	m := hmac.New(sha256.New, c.secret)
	for _, part := range []string{username, password, stored} {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(part)))
		m.Write(n[:])
		m.Write([]byte(part))
	}
	var k credKey
	copy(k[:], m.Sum(nil))
	return k
}

// verify returns the cached verdict for k or runs check once for all
// concurrent callers. Only successes are cached.
func (c *credCache) verify(k credKey, check func() (bool, error)) (bool, error) {
	c.mu.Lock()
	if _, ok := c.entries[k]; ok {
		c.mu.Unlock()
		return true, nil
	}
	if f, ok := c.inflight[k]; ok {
		c.mu.Unlock()
		<-f.done
		return f.ok, f.err
	}
	f := &flight{done: make(chan struct{})}
	c.inflight[k] = f
	c.mu.Unlock()

	f.ok, f.err = check()

	c.mu.Lock()
	delete(c.inflight, k)
	if f.ok && f.err == nil && c.max > 0 {
		c.store(k)
	}
	c.mu.Unlock()
	close(f.done)
	return f.ok, f.err
}

// store adds k, evicting the oldest entry when full. Callers hold mu.
func (c *credCache) store(k credKey) {
	if _, ok := c.entries[k]; ok {
		return
	}
	if len(c.order) >= c.max {
		oldest := c.order[0]
		c.order = c.order[1:]
		delete(c.entries, oldest)
	}
	c.entries[k] = struct{}{}
	c.order = append(c.order, k)
}
