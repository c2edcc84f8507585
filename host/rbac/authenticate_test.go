package rbac

import (
	"errors"
	"sync"
	"testing"
)

func TestAuthenticateDefaultUser(t *testing.T) {
	s, _ := newTestStore(t)
	u, err := s.Authenticate("wazuh", "wazuh")
	if err != nil || u.ID != WazuhUserID || len(u.Roles) != 1 || u.Roles[0] != 1 {
		t.Fatalf("Authenticate(wazuh) = %+v, %v", u, err)
	}
	if _, err := s.Authenticate("wazuh", "wrong"); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatalf("wrong password: %v", err)
	}
	if _, err := s.Authenticate("Wazuh", "wazuh"); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatalf("usernames are case-sensitive: %v", err)
	}
}

// An unknown user costs exactly the hash work of a known user with a wrong
// password (no username enumeration by timing).
func TestAuthenticateUnknownUserSameWork(t *testing.T) {
	s, _ := newTestStore(t)
	mkUser(t, s, "known")
	before := s.hashWork.Load()
	if _, err := s.Authenticate("known", "Wrong12!"); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatal(err)
	}
	known := s.hashWork.Load() - before
	before = s.hashWork.Load()
	if _, err := s.Authenticate("nobody", "Wrong12!"); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatal(err)
	}
	unknown := s.hashWork.Load() - before
	if known != 1 || unknown != 1 {
		t.Fatalf("hash work: known user %d, unknown user %d", known, unknown)
	}
}

func TestDummyHashHasDefaultCost(t *testing.T) {
	s := newStore(nil, Options{})
	h, err := s.dummyHashFor(DefaultScryptN)
	if err != nil || h != dummyScryptHash {
		t.Fatalf("%s %v", h, err)
	}
}

func TestAuthenticateCachesVerifiedCredentials(t *testing.T) {
	s, _ := newTestStore(t)
	id := mkUser(t, s, "cached")
	if _, err := s.Authenticate("cached", "Wazuh12!"); err != nil {
		t.Fatal(err)
	}
	before := s.hashWork.Load()
	for range 5 {
		if _, err := s.Authenticate("cached", "Wazuh12!"); err != nil {
			t.Fatal(err)
		}
	}
	if n := s.hashWork.Load() - before; n != 0 {
		t.Fatalf("repeated logins hashed %d times", n)
	}
	// Wrong passwords are never cached.
	for range 2 {
		if _, err := s.Authenticate("cached", "Wazuh12?"); !errors.Is(err, ErrInvalidCredentials) {
			t.Fatal(err)
		}
	}
	if n := s.hashWork.Load() - before; n != 2 {
		t.Fatalf("wrong passwords hashed %d times", n)
	}
	// A password change invalidates the cached verdict (the key includes
	// the stored hash).
	if _, err := s.UpdateUserPassword(bg, "wazuh", id, ptr("Other12!x")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate("cached", "Wazuh12!"); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatalf("old password still accepted: %v", err)
	}
	if _, err := s.Authenticate("cached", "Other12!x"); err != nil {
		t.Fatal(err)
	}
}

func TestAuthenticateConcurrentLoginsHashOnce(t *testing.T) {
	s, _ := newTestStore(t)
	mkUser(t, s, "burst")
	before := s.hashWork.Load()
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for range 10 {
		wg.Go(func() {
			if _, err := s.Authenticate("burst", "Wazuh12!"); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := s.hashWork.Load() - before; n != 1 {
		t.Fatalf("10 concurrent logins hashed %d times", n)
	}
}

func BenchmarkAuthenticateCached(b *testing.B) {
	s, err := Open(b.TempDir()+"/rbac.db", Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Authenticate("wazuh", "wazuh"); err != nil {
		b.Fatal(err)
	}
	b.SetParallelism(5)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Authenticate("wazuh", "wazuh"); err != nil {
				b.Error(err)
			}
		}
	})
}
