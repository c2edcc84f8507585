package module

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func envValue(env []string, key string) (string, bool) {
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v, true
		}
	}
	return "", false
}

func TestModuleEnvKeepsHostSecretsOut(t *testing.T) {
	t.Setenv("WAZUH_API_ADMIN_PASSWORD", "secret")
	t.Setenv("GOGC", "300")
	env := moduleEnv([]string{"EXTRA=1"}, "debug")
	if _, ok := envValue(env, "WAZUH_API_ADMIN_PASSWORD"); ok {
		t.Fatal("the admin password leaked into a module's environment")
	}
	if v, _ := envValue(env, "GOGC"); v != "300" {
		t.Fatalf("GOGC = %q, want the host's 300", v)
	}
	if v, _ := envValue(env, "EXTRA"); v != "1" {
		t.Fatalf("the module's own env is missing: %v", env)
	}
}

func TestModuleEnvGOMAXPROCS(t *testing.T) {
	env := moduleEnv(nil, "info")
	if _, ok := envValue(env, "GOMAXPROCS"); !ok {
		t.Fatalf("no default GOMAXPROCS: %v", env)
	}
	env = moduleEnv([]string{"GOMAXPROCS=3"}, "info")
	if n := slices.IndexFunc(env, func(kv string) bool { return strings.HasPrefix(kv, "GOMAXPROCS=") }); env[n] != "GOMAXPROCS=3" {
		t.Fatalf("the module's GOMAXPROCS setting must win: %v", env)
	}
	for host, want := range map[int]int{1: 1, 2: 1, 3: 1, 8: 4, 64: 32} {
		if got := moduleMaxProcs(host); got != want {
			t.Errorf("moduleMaxProcs(%d) = %d, want %d", host, got, want)
		}
	}
}

func TestModuleEnvKeepsSysmonAwake(t *testing.T) {
	t.Setenv("GODEBUG", "http2debug=0")
	env := moduleEnv(nil, "info")
	if v, _ := envValue(env, "GODEBUG"); v != "http2debug=0,schedtrace=2147483647" {
		t.Fatalf("GODEBUG = %q, want the host's setting plus schedtrace", v)
	}
	env = moduleEnv([]string{"GODEBUG=gctrace=1"}, "info")
	if n := slices.IndexFunc(env, func(kv string) bool { return strings.HasPrefix(kv, "GODEBUG=") }); env[n] != "GODEBUG=gctrace=1" {
		t.Fatalf("the module's GODEBUG setting must be the only one: %v", env)
	}
}

func TestModuleEnvGOGCOverride(t *testing.T) {
	env := moduleEnv([]string{"GOGC=50"}, "info")
	for _, kv := range env {
		if kv == "GOGC=200" {
			t.Fatalf("the default must not be added when the module sets GOGC: %v", env)
		}
	}
	if env[len(env)-1] != "GOGC=50" {
		t.Fatalf("the module's GOGC must come last (exec keeps the last value): %v", env)
	}
}

func TestModuleEnvDefaultGOGC(t *testing.T) {
	if _, set := os.LookupEnv("GOGC"); set {
		t.Skip("GOGC is set for this test process")
	}
	if v, _ := envValue(moduleEnv(nil, "info"), "GOGC"); v != "200" {
		t.Fatalf("default GOGC %q, want 200", v)
	}
}
