package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cfConfig writes an api.yaml for root with the example module only,
// followed by extra YAML, and returns its path.
func cfConfig(t *testing.T, binDir, root string, port int, extra string) string {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "api.yaml")
	yaml := fmt.Sprintf("host: [\"127.0.0.1\"]\nport: %d\nroot: %q\nmodules:\n  dir: %q\n  enabled:\n    - name: example\n%s",
		port, root, filepath.Join(binDir, "modules"), extra)
	if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// cfRunToExit runs wazuh-apid serve with args until it exits by itself and
// returns its exit code and output. The context only guards against a
// server that wrongly keeps running.
func cfRunToExit(t *testing.T, binDir string, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(binDir, "wazuh-apid"), append([]string{"serve"}, args...)...)
	cmd.Env = append(os.Environ(), "WAZUH_API_ADMIN_PASSWORD=Secr3t.Pass")
	out, _ := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("wazuh-apid %v kept running; output:\n%s", args, out)
	}
	return cmd.ProcessState.ExitCode(), string(out)
}

func TestEndToEndConfigStartupErrorsExitWithAMessage(t *testing.T) {
	bin := binaries(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busyPort := busy.Addr().(*net.TCPAddr).Port

	badCertRoot := filepath.Join(t.TempDir(), "wazuh")
	ssl := filepath.Join(badCertRoot, "api", "configuration", "ssl")
	if err := os.MkdirAll(ssl, 0o750); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"server.key", "server.crt"} {
		if err := os.WriteFile(filepath.Join(ssl, f), []byte("not PEM"), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	for name, tc := range map[string]struct {
		root, extra string
		port        int
		want        string
	}{
		"unknown key":  {extra: "bogus: 1\n", want: "unknown key(s) bogus"},
		"tls 1.3":      {extra: "https:\n  ssl_protocol: TLSv1.3\n", want: `https.ssl_protocol "tlsv1.3" must be one of`},
		"bad cipher":   {extra: "https:\n  ssl_ciphers: HIGH\n", want: `unsupported cipher "HIGH"`},
		"port in use":  {port: busyPort, want: "address already in use"},
		"bad cert":     {root: badCertRoot, want: "cannot load the certificate " + filepath.Join(ssl, "server.crt")},
		"missing CA":   {extra: "https:\n  use_ca: yes\n", want: "use_ca is enabled but the CA file cannot be read"},
		"string port":  {extra: "max_upload_size: \"10\"\n", want: "max_upload_size must be an integer"},
		"yaml error":   {extra: "cors: [\n", want: "yaml"},
		"bad log size": {extra: "logs:\n  max_size:\n    enabled: yes\n    size: 10K\n", want: "below the minimum of 1M"},
	} {
		t.Run(name, func(t *testing.T) {
			root, port := tc.root, tc.port
			if root == "" {
				root = filepath.Join(t.TempDir(), "wazuh")
			}
			if port == 0 {
				port = freePort(t)
			}
			code, out := cfRunToExit(t, bin, "--config", cfConfig(t, bin, root, port, tc.extra))
			if code != 1 || !strings.Contains(out, tc.want) || strings.Contains(out, "goroutine ") {
				t.Fatalf("exit %d, want 1 with %q; output:\n%s", code, tc.want, out)
			}
		})
	}
	if code, out := cfRunToExit(t, bin, "--port", "abc"); code != 2 || !strings.Contains(out, `invalid argument "abc" for "--port"`) {
		t.Fatalf("bad flag: exit %d\n%s", code, out)
	}
}

func TestEndToEndPlainHTTPWithJSONLogsAndCORS(t *testing.T) {
	bin := binaries(t)
	root := filepath.Join(t.TempDir(), "wazuh")
	port := freePort(t)
	cfg := cfConfig(t, bin, root, port, "https:\n  enabled: no\nlogs:\n  format: JSON\ncors:\n  enabled: yes\n  source_route: \"*\"\n")
	logs := &syncWriter{b: &strings.Builder{}}
	cmd := exec.Command(filepath.Join(bin, "wazuh-apid"), "serve", "--config", cfg)
	cmd.Env = append(os.Environ(), "WAZUH_API_ADMIN_PASSWORD=Secr3t.Pass")
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() })
	url := fmt.Sprintf("http://127.0.0.1:%d/", port)
	var resp *http.Response
	waitFor(t, "plain HTTP listener", 30*time.Second, func() bool {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		req.Header.Set("Origin", "https://app.example")
		r, err := http.DefaultClient.Do(req)
		if err == nil {
			resp = r
			r.Body.Close()
		}
		return err == nil
	})
	if resp.StatusCode != 401 || resp.Header.Get("Server") != "Wazuh" || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("GET / over HTTP: %d %v", resp.StatusCode, resp.Header)
	}
	if _, err := os.Stat(filepath.Join(root, "api", "configuration", "ssl", "server.crt")); err == nil {
		t.Fatal("no certificate is generated with https disabled")
	}
	// The access line is written when the response is done, then flushed.
	waitFor(t, "JSON access log line", 10*time.Second, func() bool { return strings.Contains(logs.String(), `"type":"request"`) })
	for line := range strings.SplitSeq(strings.TrimSpace(logs.String()), "\n") {
		var l struct {
			Levelname string `json:"levelname"`
			Data      struct {
				Type    string          `json:"type"`
				Payload json.RawMessage `json:"payload"`
			} `json:"data"`
		}
		if err := json.Unmarshal([]byte(line), &l); err != nil || l.Levelname == "" || l.Data.Type == "" {
			t.Fatalf("not a Wazuh JSON log line: %q (%v)", line, err)
		}
		if l.Data.Type == "request" && !strings.Contains(string(l.Data.Payload), `"uri":"GET /","parameters":{},"body":{}`) {
			t.Fatalf("request payload: %s", l.Data.Payload)
		}
	}
}

// TestEndToEndLogFilesAsWazuh checks that the log goes to Wazuh's files:
// logs/api.log (plain) and logs/api.json (JSON lines) with format
// "plain,json", each holding the access line of a request.
func TestEndToEndLogFilesAsWazuh(t *testing.T) {
	bin := binaries(t)
	root := filepath.Join(t.TempDir(), "wazuh")
	port := freePort(t)
	cfg := cfConfig(t, bin, root, port, "https:\n  enabled: no\nlogs:\n  format: plain,json\n")
	cmd := exec.Command(filepath.Join(bin, "wazuh-apid"), "serve", "--config", cfg)
	cmd.Env = append(os.Environ(), "WAZUH_API_ADMIN_PASSWORD=Secr3t.Pass")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() })
	url := fmt.Sprintf("http://127.0.0.1:%d/?pretty=true", port)
	waitFor(t, "plain HTTP listener", 30*time.Second, func() bool {
		r, err := http.Get(url)
		if err == nil {
			r.Body.Close()
		}
		return err == nil
	})
	plain, jsonPath := filepath.Join(root, "logs", "api.log"), filepath.Join(root, "logs", "api.json")
	want := `unknown_user 127.0.0.1 "GET /" with parameters {"pretty": "true"} and body {} done in `
	waitFor(t, "access lines in both files", 10*time.Second, func() bool {
		p, _ := os.ReadFile(plain)
		j, _ := os.ReadFile(jsonPath)
		return strings.Contains(string(p), want) && strings.Contains(string(j), `"type":"request"`)
	})
	j, _ := os.ReadFile(jsonPath)
	for line := range strings.SplitSeq(strings.TrimSpace(string(j)), "\n") {
		if !json.Valid([]byte(line)) {
			t.Fatalf("api.json holds a line that is not JSON: %q", line)
		}
	}
	if p, _ := os.ReadFile(plain); strings.Contains(string(p), `"levelname"`) {
		t.Fatalf("api.log holds JSON lines:\n%s", p)
	}
}
