package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestAttachedModeAnswers1017WhileDaemonsAreDown starts the host attached
// to a Wazuh root whose daemons are not running (no pid files in var/run):
// framework calls answer Wazuh's 1017 naming them, logins and GET / still
// work, and once the daemons' pid files name live processes the calls go
// through again.
func TestAttachedModeAnswers1017WhileDaemonsAreDown(t *testing.T) {
	bin := binaries(t)
	root := filepath.Join(t.TempDir(), "ossec")
	first := startHost(t, bin, root, false) // lays the root out like a manager's
	_ = first.cmd.Process.Signal(os.Interrupt)
	_, _ = first.cmd.Process.Wait()

	t.Setenv("WAZUH_API_MODE", "attached")
	h := startHost(t, bin, root, false)
	tok := h.login(t)
	if s, b := h.raw(t, http.MethodGet, "/", tok, ""); s != http.StatusOK {
		t.Fatalf("GET /: %d %s", s, b)
	}
	want := `"detail": "Some Wazuh daemons are not ready yet in node \"node01\" (wazuh-modulesd->stopped, wazuh-analysisd->stopped, wazuh-execd->stopped, wazuh-db->stopped, wazuh-remoted->stopped)"`
	for _, path := range []string{"/security/users", "/example/hello"} {
		s, b := h.raw(t, http.MethodGet, path, tok, "")
		if s != http.StatusInternalServerError || !strings.Contains(string(b), want) || !strings.Contains(string(b), `"error": 1017`) {
			t.Fatalf("GET %s with the daemons down: %d %s", path, s, b)
		}
	}
	pid := strconv.Itoa(os.Getpid()) // a live process stands for each daemon
	for _, d := range []string{"wazuh-modulesd", "wazuh-analysisd", "wazuh-execd", "wazuh-db", "wazuh-remoted"} {
		if err := os.WriteFile(filepath.Join(root, "var", "run", d+"-"+pid+".pid"), []byte(pid+"\n"), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the daemons to be seen running", 20*time.Second, func() bool {
		s, _ := h.raw(t, http.MethodGet, "/security/users", tok, "")
		return s == http.StatusOK
	})
	if s, b := h.raw(t, http.MethodGet, "/example/hello", tok, ""); s != http.StatusOK {
		t.Fatalf("GET /example/hello with the daemons running: %d %s", s, b)
	}
}
