package auth

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// §9 Hygiene: key files are created with mode 0640.
func TestKeyFilesMode(t *testing.T) {
	dir := t.TempDir()
	if _, err := NewKeys(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{PrivateKeyFile, PublicKeyFile} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o640 {
			t.Fatalf("%s mode %v", name, fi.Mode().Perm())
		}
	}
}

// §9 Hygiene: a regenerated key pair is picked up without a restart:
// replacing the files (another process rotated them) or deleting one
// (both are regenerated) changes the pair in use; untouched files do not.
func TestRefreshPicksUpRegeneratedKeys(t *testing.T) {
	dir := t.TempDir()
	k, err := NewKeys(dir)
	if err != nil {
		t.Fatal(err)
	}
	first := k.Current()
	if err := k.Refresh(); err != nil || k.Current() != first {
		t.Fatalf("refresh without changes replaced the pair (%v)", err)
	}
	other := t.TempDir()
	if _, err := NewKeys(other); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{PrivateKeyFile, PublicKeyFile} {
		data, _ := os.ReadFile(filepath.Join(other, name))
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o640); err != nil {
			t.Fatal(err)
		}
		future := time.Now().Add(time.Minute)
		_ = os.Chtimes(filepath.Join(dir, name), future, future)
	}
	if err := k.Refresh(); err != nil {
		t.Fatal(err)
	}
	replaced := k.Current()
	if replaced == first || replaced.Private.D.Cmp(first.Private.D) == 0 {
		t.Fatal("replaced files not picked up")
	}
	tok, err := Sign(replaced, &Claims{Audience: Audience, Subject: "wazuh", NotBefore: 1, ExpiresAt: 2})
	if err != nil || verifySignature(tok, replaced) != nil {
		t.Fatalf("new pair unusable: %v", err)
	}
	if err := os.Remove(filepath.Join(dir, PublicKeyFile)); err != nil {
		t.Fatal(err)
	}
	if err := k.Refresh(); err != nil {
		t.Fatal(err)
	}
	if k.Current() == replaced {
		t.Fatal("missing file did not regenerate the pair")
	}
	if _, err := os.Stat(filepath.Join(dir, PublicKeyFile)); err != nil {
		t.Fatalf("public key not regenerated: %v", err)
	}
}
