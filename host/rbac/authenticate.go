package rbac

import (
	"context"
	"errors"
	"fmt"
)

// ErrInvalidCredentials is returned by Authenticate for an unknown user or a
// wrong password (the API answers 401 "Invalid credentials").
var ErrInvalidCredentials = errors.New("rbac: invalid credentials")

// dummyScryptHash is a well-formed werkzeug scrypt hash (N=32768) that no
// known password produces. Unknown usernames are checked against it so that
// they cost the same scrypt work as known ones (Wazuh 4.14.6).
const dummyScryptHash = "scrypt:32768:8:1$qM3tVb8ZrT1xLw0K$" +
	"5d1c1f1f0e5b8a43b0a9cb8a8f1e3b6fd3c2a1e0f9d8c7b6a5f4e3d2c1b0a9f8" +
	"e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6"

// Authenticate checks username and password as POST
// /security/user/authenticate does and returns the user with its roles.
// It returns ErrInvalidCredentials for an unknown user (after the same hash
// work as for a known one) or a wrong password. Verified credentials are
// cached, keyed by the stored hash, so repeated logins skip scrypt.
func (s *Store) Authenticate(username, password string) (*User, error) {
	ctx := context.Background()
	row, err := s.userRowByName(s.db.WithContext(ctx), username)
	if err != nil {
		return nil, err
	}
	if row == nil {
		if _, err := s.checkHash(s.dummyHash, password); err != nil {
			return nil, err
		}
		return nil, ErrInvalidCredentials
	}
	k := s.creds.key(row.Username, password, row.Password)
	ok, err := s.creds.verify(k, func() (bool, error) {
		return s.checkHash(row.Password, password)
	})
	if err != nil {
		return nil, fmt.Errorf("rbac: verify password of %q: %w", username, err)
	}
	if !ok {
		return nil, ErrInvalidCredentials
	}
	return s.userFromRow(s.db.WithContext(ctx), row)
}

// checkHash verifies one password under the hash concurrency limit.
func (s *Store) checkHash(stored, password string) (bool, error) {
	s.hashSlots <- struct{}{}
	defer func() { <-s.hashSlots }()
	s.hashWork.Add(1)
	return VerifyPassword(stored, password)
}

// hashNew hashes a new password under the hash concurrency limit.
func (s *Store) hashNew(password string) (string, error) {
	s.hashSlots <- struct{}{}
	defer func() { <-s.hashSlots }()
	s.hashWork.Add(1)
	return hashScrypt(password, s.opts.ScryptN)
}

// dummyHashFor returns the dummy hash for the configured cost: the built-in
// one for werkzeug's default, or a freshly made one otherwise.
func (s *Store) dummyHashFor(n int) (string, error) {
	if n == DefaultScryptN {
		return dummyScryptHash, nil
	}
	salt, err := newSalt()
	if err != nil {
		return "", err
	}
	h, err := hashScrypt(salt, n)
	if err != nil {
		return "", fmt.Errorf("rbac: dummy hash: %w", err)
	}
	return h, nil
}
