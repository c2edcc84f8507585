package main

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// e2eHost is a wazuh-apid process started the way a user starts it.
type e2eHost struct {
	cmd    *exec.Cmd
	url    string
	client *http.Client
	binDir string
	logs   *syncWriter
}

// buildBinaries builds wazuh-apid and the example module into dir.
func buildBinaries(t *testing.T, dir string) {
	t.Helper()
	modDir := filepath.Join(dir, "modules")
	if err := os.MkdirAll(modDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, b := range []struct{ dir, pkg, out string }{
		{"../..", "./cmd/wazuh-apid", filepath.Join(dir, "wazuh-apid")},
		{"../../sdk", "./examples/hello", filepath.Join(modDir, "wazuh-module-example")},
		{"../../modules/agent", ".", filepath.Join(modDir, "wazuh-module-agent")},
	} {
		cmd := exec.Command("go", "build", "-o", b.out, b.pkg)
		cmd.Dir = b.dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", b.pkg, err, out)
		}
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startHost starts wazuh-apid serving root (created when missing) with the
// example module, plus the agent module when withAgent is set.
func startHost(t *testing.T, binDir, root string, withAgent bool) *e2eHost {
	t.Helper()
	mods := "    - name: example\n      settings: {greeting: Hi}\n"
	if withAgent {
		mods += "    - name: agent\n"
	}
	return startHostWithModules(t, binDir, root, mods)
}

// startHostWithModules starts wazuh-apid serving root with the modules.enabled
// entries given as YAML lines.
func startHostWithModules(t *testing.T, binDir, root, mods string) *e2eHost {
	t.Helper()
	port := freePort(t)
	cfg := filepath.Join(t.TempDir(), "api.yaml")
	yaml := fmt.Sprintf("host: [\"127.0.0.1\"]\nport: %d\nroot: %q\naccess:\n  max_request_per_minute: 0\nmodules:\n  dir: %q\n  enabled:\n%s", port, root, filepath.Join(binDir, "modules"), mods)
	if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	logs := &syncWriter{b: &strings.Builder{}}
	cmd := exec.Command(filepath.Join(binDir, "wazuh-apid"), "serve", "--config", cfg)
	cmd.Env = append(os.Environ(), "WAZUH_API_ADMIN_PASSWORD=Secr3t.Pass")
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	h := &e2eHost{cmd: cmd, url: fmt.Sprintf("https://127.0.0.1:%d", port), binDir: binDir, logs: logs,
		client: &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_, _ = cmd.Process.Wait()
		if t.Failed() {
			t.Logf("host log:\n%s", logs.String())
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := h.client.Get(h.url + "/"); err == nil {
			resp.Body.Close()
			return h
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("host did not start; log:\n%s", logs.String())
	return nil
}

func (h *e2eHost) do(t *testing.T, method, path, token string) (int, map[string]any) {
	t.Helper()
	status, body := h.raw(t, method, path, token, "")
	var m map[string]any
	_ = json.Unmarshal(body, &m)
	return status, m
}

// raw sends a request with an optional JSON body and returns the raw body.
func (h *e2eHost) raw(t *testing.T, method, path, token, jsonBody string) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if jsonBody != "" {
		rd = strings.NewReader(jsonBody)
	}
	req, _ := http.NewRequest(method, h.url+path, rd)
	if jsonBody != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}

func (h *e2eHost) login(t *testing.T) string {
	t.Helper()
	return h.loginAs(t, "wazuh", "Secr3t.Pass")
}

func (h *e2eHost) loginAs(t *testing.T, user, password string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.url+"/security/user/authenticate", nil)
	req.SetBasicAuth(user, password)
	resp, err := h.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Data struct {
			Token string `json:"token"`
		} `json:"data"`
		Error int `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 200 || body.Data.Token == "" {
		t.Fatalf("login: status %d err %v", resp.StatusCode, err)
	}
	return body.Data.Token
}

// modulePIDs lists running processes whose executable is path.
func modulePIDs(path string) []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe"))
		if err != nil || exe != path {
			continue
		}
		if stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat")); err == nil && strings.Contains(string(stat), ") Z ") {
			continue // zombie
		}
		pids = append(pids, pid)
	}
	return pids
}

func itoa(i int) string { return strconv.Itoa(i) }

func waitFor(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestEndToEndModuleCrashRestartAndHostKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds binaries")
	}
	binDir := t.TempDir()
	buildBinaries(t, binDir)
	h := startHost(t, binDir, filepath.Join(t.TempDir(), "wazuh"), false)
	token := h.login(t)

	status, root := h.do(t, http.MethodGet, "/", token)
	data, _ := root["data"].(map[string]any)
	if status != 200 || data["title"] != "Wazuh API REST" || data["api_version"] != "4.14.7" || root["error"] != float64(0) {
		t.Fatalf("GET /: %d %v", status, root)
	}

	status, hello := h.do(t, http.MethodGet, "/example/hello", token)
	if status != 200 || hello["data"].(map[string]any)["message"] != "Hi, wazuh" {
		t.Fatalf("example route: %d %v", status, hello)
	}

	modPath := filepath.Join(binDir, "modules", "wazuh-module-example")
	pids := modulePIDs(modPath)
	if len(pids) != 1 {
		t.Fatalf("module processes: %v", pids)
	}
	if err := syscall.Kill(pids[0], syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "module gone", 5*time.Second, func() bool { return len(modulePIDs(modPath)) == 0 || modulePIDs(modPath)[0] != pids[0] })
	status, down := h.do(t, http.MethodGet, "/example/hello", token)
	if status != http.StatusServiceUnavailable || down["error"] != float64(1017) || down["title"] != "Service Unavailable" {
		t.Fatalf("after SIGKILL: %d %v", status, down)
	}
	waitFor(t, "module restarted", 15*time.Second, func() bool {
		s, _ := h.do(t, http.MethodGet, "/example/hello", token)
		return s == 200
	})

	if err := h.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_, _ = h.cmd.Process.Wait()
	waitFor(t, "no module process after host SIGKILL", 10*time.Second, func() bool { return len(modulePIDs(modPath)) == 0 })
}
