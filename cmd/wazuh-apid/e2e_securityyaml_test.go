package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSecurityYAMLEditedOnDiskThroughTheHost is security.md §9's last token
// item through the real binary: editing security.yaml by hand (no key
// rotation) makes tokens whose rbac_mode no longer matches 401 "Token
// expired", and a token issued afterwards works.
func TestSecurityYAMLEditedOnDiskThroughTheHost(t *testing.T) {
	bin := binaries(t)
	root := filepath.Join(t.TempDir(), "wazuh")
	h := startHost(t, bin, root, false)
	old := h.login(t)
	if s, b := h.raw(t, http.MethodGet, "/", old, ""); s != http.StatusOK {
		t.Fatalf("GET / before the edit: %d %s", s, b)
	}
	path := filepath.Join(root, "api", "configuration", "security", "security.yaml")
	if err := os.WriteFile(path, []byte("rbac_mode: black\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	var s int
	var b []byte
	waitFor(t, "the host to pick up security.yaml", 20*time.Second, func() bool {
		s, b = h.raw(t, http.MethodGet, "/", old, "")
		return s != http.StatusOK
	})
	if s != http.StatusUnauthorized || !strings.Contains(string(b), `"detail": "Token expired"`) {
		t.Fatalf("old token after the edit: %d %s", s, b)
	}
	fresh := h.login(t)
	if s, b := h.raw(t, http.MethodGet, "/security/config", fresh, ""); s != http.StatusOK || !strings.Contains(string(b), `"rbac_mode": "black"`) {
		t.Fatalf("new token after the edit: %d %s", s, b)
	}
}
