package main

import (
	"crypto/tls"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestEndToEndHTTP1OnlyAsUvicorn offers h2 in ALPN, as curl does: Wazuh's
// uvicorn speaks HTTP/1.1 only, so the host must choose it too.
func TestEndToEndHTTP1OnlyAsUvicorn(t *testing.T) {
	bin := binaries(t)
	h := startHost(t, bin, filepath.Join(t.TempDir(), "root"), false)
	conn, err := tls.Dial("tcp", strings.TrimPrefix(h.url, "https://"), &tls.Config{InsecureSkipVerify: true, NextProtos: []string{"h2", "http/1.1"}})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if p := conn.ConnectionState().NegotiatedProtocol; p != "http/1.1" {
		t.Fatalf("negotiated %q, want http/1.1", p)
	}
	if _, err := conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	n, _ := conn.Read(buf)
	if !strings.HasPrefix(string(buf[:n]), "HTTP/1.1 401 Unauthorized\r\n") {
		t.Fatalf("answer starts %q", buf[:n])
	}
}

// TestEndToEndSchedulerTuning checks that `wazuh-apid serve` re-executed
// itself with sysmon kept awake and started its modules with the same
// GODEBUG (host/schedtune), while still serving.
func TestEndToEndSchedulerTuning(t *testing.T) {
	bin := binaries(t)
	h := startHost(t, bin, filepath.Join(t.TempDir(), "root"), false)
	want := "schedtrace=2147483647"
	if env := processEnv(t, h.cmd.Process.Pid); !sysmonKeptAwake(env) {
		t.Fatalf("host environment lacks %s: %q", want, env)
	}
	pids := modulePIDs(filepath.Join(bin, "modules", "wazuh-module-example"))
	if len(pids) == 0 {
		t.Fatal("example module not running")
	}
	for _, pid := range pids {
		if env := processEnv(t, pid); !sysmonKeptAwake(env) {
			t.Fatalf("module %d environment lacks %s: %q", pid, want, env)
		}
	}
	if status, _ := h.do(t, "GET", "/example/hello", h.login(t)); status != 200 {
		t.Fatalf("example route: %d", status)
	}
}

// processEnv reads a process's environment.
func processEnv(t *testing.T, pid int) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "environ"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(b), "\x00")
}

// sysmonKeptAwake reports whether env's GODEBUG sets schedtrace to the
// largest period (after whatever GODEBUG the test itself runs with).
func sysmonKeptAwake(env []string) bool {
	return slices.ContainsFunc(env, func(kv string) bool {
		return strings.HasPrefix(kv, "GODEBUG=") && strings.HasSuffix(kv, "schedtrace=2147483647")
	})
}

// TestEndToEndSIGTERMIsTheHostsToHandle sends SIGTERM to a module, as
// systemd's stop does to every process of the service: the module keeps
// serving (the host stops its modules itself once it has drained its
// requests), and a SIGTERM to the host then stops host and modules.
func TestEndToEndSIGTERMIsTheHostsToHandle(t *testing.T) {
	bin := binaries(t)
	h := startHost(t, bin, filepath.Join(t.TempDir(), "root"), false)
	token := h.login(t)
	modPath := filepath.Join(bin, "modules", "wazuh-module-example")
	pids := modulePIDs(modPath)
	if len(pids) != 1 {
		t.Fatalf("module processes: %v", pids)
	}
	if err := syscall.Kill(pids[0], syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if now := modulePIDs(modPath); len(now) != 1 || now[0] != pids[0] {
		t.Fatalf("module ended on SIGTERM: %v -> %v", pids, now)
	}
	if status, _ := h.do(t, "GET", "/example/hello", token); status != 200 {
		t.Fatalf("example route after the module's SIGTERM: %d", status)
	}
	if err := h.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	state, err := h.cmd.Process.Wait()
	if err != nil || state.ExitCode() != 0 {
		t.Fatalf("host exit after SIGTERM: %v %v", state, err)
	}
	waitFor(t, "modules stopped with the host", 10*time.Second, func() bool { return len(modulePIDs(modPath)) == 0 })
}
