package layout

import (
	"os"
	"strings"
	"testing"
)

// A new embedded root holds the files a manager's installer writes
// (default agent.conf, etc/shared/ar.conf with the restart commands, an
// empty client.keys), and a second start keeps what the operator changed.
func TestEnsureEmbeddedWritesTheInstallerFilesOnce(t *testing.T) {
	r := Root(t.TempDir())
	created, err := EnsureEmbedded(r)
	if err != nil || !created {
		t.Fatalf("first start: created=%v err=%v", created, err)
	}
	ar, err := os.ReadFile(r.Path(SharedDir + "/ar.conf"))
	if err != nil || !strings.HasPrefix(string(ar), "restart-ossec0 - restart-ossec.sh - 0\n") || !strings.Contains(string(ar), "restart-wazuh0 - restart-wazuh.exe - 0\n") {
		t.Fatalf("ar.conf: %q %v", ar, err)
	}
	if conf, err := os.ReadFile(r.Path(SharedDir + "/default/agent.conf")); err != nil || !strings.Contains(string(conf), "<agent_config>") {
		t.Fatalf("agent.conf: %q %v", conf, err)
	}
	if fi, err := os.Stat(r.Path(ClientKeys)); err != nil || fi.Size() != 0 || fi.Mode().Perm() != 0o640 {
		t.Fatalf("client.keys: %v %v", fi, err)
	}
	if err := os.WriteFile(r.Path(SharedDir+"/ar.conf"), []byte("custom - custom.sh - 0\n"), 0o660); err != nil {
		t.Fatal(err)
	}
	if created, err := EnsureEmbedded(r); err != nil || created {
		t.Fatalf("second start: created=%v err=%v", created, err)
	}
	if ar, _ := os.ReadFile(r.Path(SharedDir + "/ar.conf")); string(ar) != "custom - custom.sh - 0\n" {
		t.Fatalf("a restart overwrote ar.conf: %q", ar)
	}
}
