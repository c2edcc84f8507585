package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Host is a wazuh-apid process started for benchmarking.
type Host struct {
	// URL is the base URL, e.g. https://127.0.0.1:41000.
	URL string
	// ColdStart is the time from exec to the first 200 on a module route
	// (or the login, with no modules).
	ColdStart time.Duration
	// Root is the Wazuh root the host serves.
	Root string

	cmd *exec.Cmd
}

// HostOptions say how to start the host.
type HostOptions struct {
	// BinDir holds wazuh-apid and modules/wazuh-module-*.
	BinDir string
	// Root is the Wazuh root (prepared by the caller, e.g. with agents).
	Root string
	// Modules to enable.
	Modules []string
	// Password of user wazuh.
	Password string
	// ProbePath is a module route polled for the cold-start figure.
	ProbePath string
	// Log receives the host's log.
	Log io.Writer
}

// StartHost starts wazuh-apid with rate limiting disabled (the default 300
// requests/minute would cap every figure) and waits for ProbePath to
// answer 200.
func StartHost(ctx context.Context, o HostOptions) (*Host, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("bench: free port: %w", err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	var mods strings.Builder
	for _, m := range o.Modules {
		fmt.Fprintf(&mods, "    - name: %s\n", m)
	}
	cfgPath := filepath.Join(o.Root, "bench-api.yaml")
	cfg := fmt.Sprintf("host: [\"127.0.0.1\"]\nport: %d\nroot: %q\nlogs:\n  level: error\naccess:\n  max_request_per_minute: 0\n  max_login_attempts: 0\nmodules:\n  dir: %q\n  enabled:\n%s",
		port, o.Root, filepath.Join(o.BinDir, "modules"), mods.String())
	if err := os.MkdirAll(o.Root, 0o750); err != nil {
		return nil, fmt.Errorf("bench: root: %w", err)
	}
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		return nil, fmt.Errorf("bench: config: %w", err)
	}
	h := &Host{URL: fmt.Sprintf("https://127.0.0.1:%d", port), Root: o.Root}
	h.cmd = exec.CommandContext(ctx, filepath.Join(o.BinDir, "wazuh-apid"), "serve", "--config", cfgPath)
	h.cmd.Env = append(os.Environ(), "WAZUH_API_ADMIN_PASSWORD="+o.Password)
	h.cmd.Stdout, h.cmd.Stderr = o.Log, o.Log
	start := time.Now()
	if err := h.cmd.Start(); err != nil {
		return nil, fmt.Errorf("bench: start host: %w", err)
	}
	client := Client(1)
	deadline := start.Add(60 * time.Second)
	for time.Now().Before(deadline) {
		token, err := h.Login(client, o.Password)
		if err == nil {
			if o.ProbePath == "" || h.get(client, token, o.ProbePath) == http.StatusOK {
				h.ColdStart = time.Since(start)
				return h, nil
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	h.Stop()
	return nil, fmt.Errorf("bench: host did not serve %s within 60s", o.ProbePath)
}

// Login returns a token for user wazuh.
func (h *Host) Login(client *http.Client, password string) (string, error) {
	req, _ := http.NewRequest(http.MethodPost, h.URL+"/security/user/authenticate", nil)
	req.SetBasicAuth("wazuh", password)
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("bench: login: %w", err)
	}
	defer resp.Body.Close()
	var body struct {
		Data struct {
			Token string `json:"token"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("bench: login status %d: %v", resp.StatusCode, err)
	}
	return body.Data.Token, nil
}

func (h *Host) get(client *http.Client, token, path string) int {
	req, _ := http.NewRequest(http.MethodGet, h.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// Request returns a request factory for an authenticated GET of path.
func (h *Host) Request(token, path string) func() *http.Request {
	return func() *http.Request {
		req, _ := http.NewRequest(http.MethodGet, h.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		return req
	}
}

// Stop terminates the host (SIGTERM, then kill) and waits for it.
func (h *Host) Stop() {
	if h.cmd.Process == nil {
		return
	}
	_ = h.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = h.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = h.cmd.Process.Kill()
		<-done
	}
}
