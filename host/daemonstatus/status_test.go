package daemonstatus

import (
	"os"
	"path/filepath"
	"testing"
)

// fakeManager makes a var/run and a /proc under a temporary directory.
func fakeManager(t *testing.T) (runDir, procDir string) {
	t.Helper()
	dir := t.TempDir()
	runDir, procDir = filepath.Join(dir, "var", "run"), filepath.Join(dir, "proc")
	for _, d := range []string{runDir, procDir} {
		if err := os.MkdirAll(d, 0o750); err != nil {
			t.Fatal(err)
		}
	}
	return runDir, procDir
}

func touch(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path, nil, 0o640); err != nil {
		t.Fatal(err)
	}
}

// The states of wazuh.core.manager.status (data-layer.md §7).
func TestStatusFollowsWazuhsPidFileRules(t *testing.T) {
	runDir, procDir := fakeManager(t)
	touch(t, filepath.Join(runDir, "wazuh-db-1234.pid"))
	if err := os.Mkdir(filepath.Join(procDir, "1234"), 0o750); err != nil {
		t.Fatal(err)
	}
	touch(t, filepath.Join(runDir, "wazuh-remoted-999.pid")) // its process is gone
	touch(t, filepath.Join(runDir, "wazuh-execd.failed"))    // a flag wins over pid files
	touch(t, filepath.Join(runDir, "wazuh-execd-1234.pid"))
	touch(t, filepath.Join(runDir, "wazuh-analysisd.restart"))
	touch(t, filepath.Join(runDir, "wazuh-modulesd.start"))
	touch(t, filepath.Join(runDir, "wazuh-db-extra-1234.pid")) // another daemon's name
	touch(t, filepath.Join(runDir, "wazuh-authd-x.pid"))       // not a pid
	for proc, want := range map[string]string{
		"wazuh-db": Running, "wazuh-remoted": Failed, "wazuh-execd": Failed, "wazuh-analysisd": Restarting,
		"wazuh-modulesd": Starting, "wazuh-authd": Stopped, "wazuh-maild": Stopped,
	} {
		if got, err := Status(runDir, procDir, proc); err != nil || got != want {
			t.Errorf("%s: %s %v, want %s", proc, got, err, want)
		}
	}
	if got, err := Status(filepath.Join(runDir, "missing"), procDir, "wazuh-db"); err != nil || got != Stopped {
		t.Errorf("without var/run: %s %v, want stopped", got, err)
	}
}

// Readiness answers 1017 naming every required daemon that is not running,
// and nothing once they all run.
func TestReadinessReportsTheDaemonsNotRunning(t *testing.T) {
	runDir, procDir := fakeManager(t)
	if err := os.Mkdir(filepath.Join(procDir, "42"), 0o750); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"wazuh-modulesd", "wazuh-analysisd", "wazuh-execd"} {
		touch(t, filepath.Join(runDir, d+"-42.pid"))
	}
	touch(t, filepath.Join(runDir, "wazuh-remoted.restart"))
	r := NewReadiness(runDir, procDir, "node01")
	e := r.Err()
	if e == nil || e.Code != 1017 || e.Status() != 500 {
		t.Fatalf("err %+v, want 1017 (500)", e)
	}
	want := `Some Wazuh daemons are not ready yet in node "node01" (wazuh-db->stopped, wazuh-remoted->restarting)`
	if e.Message != want {
		t.Fatalf("message %q\nwant    %q", e.Message, want)
	}
	touch(t, filepath.Join(runDir, "wazuh-db-42.pid"))
	if err := os.Remove(filepath.Join(runDir, "wazuh-remoted.restart")); err != nil {
		t.Fatal(err)
	}
	touch(t, filepath.Join(runDir, "wazuh-remoted-42.pid"))
	r.Refresh()
	if e := r.Err(); e != nil {
		t.Fatalf("all running, still %v", e.Message)
	}
}
