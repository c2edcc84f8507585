package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "api.yaml")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDefaultsAreWazuhs(t *testing.T) {
	c, err := Load(Sources{Environ: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != 55000 || !c.HTTPS.Enabled || c.MaxUploadSize != 10485760 || c.Intervals.RequestTimeout != 10 ||
		c.Access.MaxLoginAttempts != 50 || c.Access.BlockTime != 300 || c.Access.MaxRequestPerMinute != 300 ||
		c.HTTPS.Key != "server.key" || c.HTTPS.Cert != "server.crt" || c.Logs.Level != "info" || c.Mode != "embedded" {
		t.Fatalf("defaults: %+v", c)
	}
	if c.Modules.StartTimeout != 15*time.Second || c.Modules.HealthInterval != 10*time.Second {
		t.Fatalf("module defaults: %+v", c.Modules)
	}
}

func TestFileThenEnvironmentThenFlags(t *testing.T) {
	file := writeFile(t, "port: 55001\nhttps:\n  enabled: no\naccess:\n  max_login_attempts: 5\nmodules:\n  enabled:\n    - name: agent\n      settings: {a: 1}\n")
	flags := pflag.NewFlagSet("t", pflag.ContinueOnError)
	flags.Int("port", 0, "")
	flags.String("root", "", "")
	if err := flags.Parse([]string{"--root", "/tmp/x"}); err != nil {
		t.Fatal(err)
	}
	c, err := Load(Sources{File: file, Flags: flags, Environ: []string{
		"WAZUH_API_ACCESS__MAX_LOGIN_ATTEMPTS=7", "WAZUH_API_ADMIN_PASSWORD=secret", "OTHER=1",
	}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != 55001 || c.HTTPS.Enabled || c.Access.MaxLoginAttempts != 7 || c.Root != "/tmp/x" {
		t.Fatalf("merged: port %d https %v attempts %d root %q", c.Port, c.HTTPS.Enabled, c.Access.MaxLoginAttempts, c.Root)
	}
	if len(c.Modules.Enabled) != 1 || c.Modules.Enabled[0].Name != "agent" || c.Modules.Enabled[0].Settings["a"] != 1 {
		t.Fatalf("modules: %+v", c.Modules)
	}
	if v, err := c.Lookup("access.max_login_attempts"); err != nil || string(v) != `"7"` && string(v) != "7" {
		t.Fatalf("lookup: %s %v", v, err)
	}
	env := map[string]bool{}
	for _, k := range c.k.Keys() {
		env[k] = true
	}
	if env["admin_password"] {
		t.Fatal("WAZUH_API_ADMIN_PASSWORD must not become a configuration key")
	}
}

func TestEnvironmentOverridesPortAndHTTPS(t *testing.T) {
	c, err := Load(Sources{Environ: []string{"WAZUH_API_PORT=55002", "WAZUH_API_HTTPS__ENABLED=false"}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != 55002 || c.HTTPS.Enabled {
		t.Fatalf("port %d https %v", c.Port, c.HTTPS.Enabled)
	}
}

func TestInvalidConfigurationsAreRefused(t *testing.T) {
	for name, content := range map[string]string{
		"unknown key":     "bogus: 1\n",
		"bad port":        "port: 70000\n",
		"bad mode":        "mode: other\n",
		"bad log level":   "logs:\n  level: loud\n",
		"path in cert":    "https:\n  cert: ../../etc/passwd\n",
		"duplicate mod":   "modules:\n  enabled:\n    - name: a\n    - name: a\n",
		"negative upload": "max_upload_size: -1\n",
		"negative health": "modules:\n  health_interval: -5s\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Load(Sources{File: writeFile(t, content), Environ: []string{}}); !errors.Is(err, ErrInvalid) {
				t.Fatalf("want ErrInvalid, got %v", err)
			}
		})
	}
}
