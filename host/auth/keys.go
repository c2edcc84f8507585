package auth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Key file names in the security directory, as Wazuh names them.
const (
	PrivateKeyFile = "private_key.pem"
	PublicKeyFile  = "public_key.pem"
)

// KeyPair is the JWT signing key pair.
type KeyPair struct {
	// Private signs tokens.
	Private *ecdsa.PrivateKey
	// Public verifies tokens.
	Public *ecdsa.PublicKey
	// Loaded is when the pair was loaded or created; tokens whose nbf
	// predates the key's file time cannot have been signed by it.
	Loaded time.Time
}

// Keys loads the key pair once and keeps it in memory (no file I/O on the
// request path, the CVE-2026-25771 lesson). Rotate replaces it.
type Keys struct {
	dir string
	// rot serializes rotations and refreshes, so the two files on disk
	// always belong to the same pair.
	rot   sync.Mutex
	mu    sync.RWMutex
	kp    *KeyPair
	stamp [2]fileStamp
}

// NewKeys loads the pair from dir, creating both files if either is missing
// (Wazuh's behaviour).
func NewKeys(dir string) (*Keys, error) {
	k := &Keys{dir: dir}
	kp, err := loadKeyPair(dir)
	if errors.Is(err, os.ErrNotExist) {
		kp, err = createKeyPair(dir)
	}
	if err != nil {
		return nil, err
	}
	k.install(kp)
	return k, nil
}

// install makes kp the pair in use and records the files' stamps.
func (k *Keys) install(kp *KeyPair) {
	st, _ := k.stamps()
	k.mu.Lock()
	k.kp, k.stamp = kp, st
	k.mu.Unlock()
}

// Current returns the key pair in use.
func (k *Keys) Current() *KeyPair {
	k.mu.RLock()
	defer k.mu.RUnlock()
	return k.kp
}

// Rotate creates a new key pair, invalidating every issued token.
func (k *Keys) Rotate() error {
	k.rot.Lock()
	defer k.rot.Unlock()
	return k.rotateLocked()
}

func (k *Keys) rotateLocked() error {
	kp, err := createKeyPair(k.dir)
	if err != nil {
		return err
	}
	k.install(kp)
	return nil
}

func loadKeyPair(dir string) (*KeyPair, error) {
	privPEM, err := os.ReadFile(filepath.Join(dir, PrivateKeyFile))
	if err != nil {
		return nil, fmt.Errorf("auth: read private key: %w", err)
	}
	if _, err := os.Stat(filepath.Join(dir, PublicKeyFile)); err != nil {
		return nil, fmt.Errorf("auth: public key: %w", err)
	}
	block, _ := pem.Decode(privPEM)
	if block == nil {
		return nil, fmt.Errorf("auth: private key is not PEM (error 6003)")
	}
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("auth: parse private key: %w", err)
	}
	priv, ok := parsed.(*ecdsa.PrivateKey)
	if !ok || priv.Curve != elliptic.P521() {
		return nil, fmt.Errorf("auth: private key is not ECDSA P-521")
	}
	return &KeyPair{Private: priv, Public: &priv.PublicKey, Loaded: time.Now()}, nil
}

// createKeyPair writes a new P-521 pair: PKCS8 private, SubjectPublicKeyInfo
// public, mode 0640 (security.md §1.1).
func createKeyPair(dir string) (*KeyPair, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("auth: create %s: %w", dir, err)
	}
	priv, err := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("auth: generate key: %w", err)
	}
	privDER, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, fmt.Errorf("auth: marshal private key: %w", err)
	}
	pubDER, err := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("auth: marshal public key: %w", err)
	}
	if err := writeFileAtomic(filepath.Join(dir, PrivateKeyFile), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: privDER}), 0o640); err != nil {
		return nil, err
	}
	if err := writeFileAtomic(filepath.Join(dir, PublicKeyFile), pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), 0o640); err != nil {
		return nil, err
	}
	return &KeyPair{Private: priv, Public: &priv.PublicKey, Loaded: time.Now()}, nil
}

func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, mode); err != nil {
		return fmt.Errorf("auth: write %s: %w", path, err)
	}
	if err := os.Chmod(tmp, mode); err != nil {
		return fmt.Errorf("auth: chmod %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("auth: rename %s: %w", path, err)
	}
	return nil
}
