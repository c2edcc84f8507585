package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/host/config"
	"github.com/wazuh-go/server/host/layout"
)

func newRBACApp(t *testing.T) (*App, *auth.Settings) {
	t.Helper()
	root := layout.Root(t.TempDir())
	if _, err := layout.EnsureEmbedded(root); err != nil {
		t.Fatal(err)
	}
	a := &App{cfg: &config.Config{Mode: "embedded"}, log: hclog.NewNullLogger(), root: root}
	t.Cleanup(a.Close)
	sec, err := auth.LoadSettings(root.Path(layout.SecurityYAML))
	if err != nil {
		t.Fatal(err)
	}
	return a, sec
}

func TestFirstStartNeverUsesWellKnownPasswords(t *testing.T) {
	t.Setenv(AdminPasswordEnv, "")
	a, sec := newRBACApp(t)
	users, err := a.openRBAC(sec)
	if err != nil {
		t.Fatal(err)
	}
	path := a.root.Path(layout.InitialCreds)
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("initial-credentials: %v %v", info, err)
	}
	data, _ := os.ReadFile(path)
	creds := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		user, pw, _ := strings.Cut(line, ":")
		creds[user] = pw
	}
	for user, wellKnown := range map[string]string{"wazuh": "wazuh", "wazuh-wui": "wazuh-wui"} {
		if _, _, err := users.Authenticate(context.Background(), user, wellKnown); err == nil {
			t.Fatalf("%s accepts its well-known password", user)
		}
		if len(creds[user]) < 16 {
			t.Fatalf("%s: weak or missing generated password %q", user, creds[user])
		}
		if _, _, err := users.Authenticate(context.Background(), user, creds[user]); err != nil {
			t.Fatalf("%s: generated password refused: %v", user, err)
		}
	}
}

func TestAdminPasswordFromEnvironment(t *testing.T) {
	t.Setenv(AdminPasswordEnv, "Chosen.Pass1")
	a, sec := newRBACApp(t)
	users, err := a.openRBAC(sec)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := users.Authenticate(context.Background(), "wazuh", "Chosen.Pass1"); err != nil {
		t.Fatalf("wazuh: %v", err)
	}
	data, _ := os.ReadFile(filepath.Join(string(a.root), layout.InitialCreds))
	if strings.Contains(string(data), "Chosen.Pass1") || !strings.HasPrefix(string(data), "wazuh-wui:") {
		t.Fatalf("initial-credentials must hold only generated passwords: %q", data)
	}
	t.Setenv(AdminPasswordEnv, "weak")
	b, sec2 := newRBACApp(t)
	if _, err := b.openRBAC(sec2); err == nil {
		t.Fatal("a password failing Wazuh's policy must be refused")
	}
}
