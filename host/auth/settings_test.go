package auth

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestSettingsWatchPicksUpEditsOnDisk edits security.yaml by hand, as an
// operator would: a cached token of the old rbac_mode becomes "Token
// expired" (security.md §1.4 step 3), and a file that does not parse
// leaves the settings as they were.
func TestSettingsWatchPicksUpEditsOnDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "security.yaml")
	sec, err := LoadSettings(path)
	if err != nil {
		t.Fatal(err)
	}
	v, keys, _, tok := newTestVerifier(t)
	v = NewVerifier(keys, v.checker, sec.Current)
	if _, err := v.Verify(tok); err != nil {
		t.Fatalf("token before the edit: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reported := make(chan error, 16)
	go sec.Watch(ctx, 5*time.Millisecond, func(err error) { reported <- err })

	writeSettings(t, path, "rbac_mode: black\n")
	waitSettings(t, sec, 900, "black")
	if _, err := v.Verify(tok); !errors.Is(err, ErrTokenExpired) {
		t.Fatalf("a white-mode token after the switch to black: %v, want Token expired", err)
	}

	writeSettings(t, path, "rbac_mode: [\n")
	select {
	case <-reported:
	case <-time.After(10 * time.Second): // hang detection only
		t.Fatal("a broken security.yaml was never reported")
	}
	if timeout, mode := sec.Current(); timeout != 900 || mode != "black" {
		t.Fatalf("a broken file changed the settings to %d %s", timeout, mode)
	}

	writeSettings(t, path, "auth_token_exp_timeout: 300\n")
	waitSettings(t, sec, 300, "white") // the omitted key falls back to its default
}

// writeSettings replaces the file at once (write and rename), so the
// watcher never reads it half written.
func writeSettings(t *testing.T, path, content string) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func waitSettings(t *testing.T, sec *Settings, timeout int64, mode string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second) // hang detection only
	for {
		if to, m := sec.Current(); to == timeout && m == mode {
			return
		}
		if time.Now().After(deadline) {
			to, m := sec.Current()
			t.Fatalf("settings stayed %d %s, want %d %s", to, m, timeout, mode)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
