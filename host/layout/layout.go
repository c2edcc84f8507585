package layout

import (
	"fmt"
	"os"
	"path/filepath"
)

// Root is a Wazuh root directory (e.g. /var/ossec or ./var/wazuh).
type Root string

// Paths under the root, as Wazuh lays them out.
const (
	SecurityDir   = "api/configuration/security"
	SSLDir        = "api/configuration/ssl"
	RBACDB        = "api/configuration/security/rbac.db"
	SecurityYAML  = "api/configuration/security/security.yaml"
	InitialCreds  = "api/configuration/initial-credentials"
	GlobalDB      = "queue/db/global.db"
	WDBSocket     = "queue/db/wdb"
	AuthSocket    = "queue/sockets/auth"
	QueueSocket   = "queue/sockets/queue"
	RemoteSocket  = "queue/sockets/remote"
	ComSocket     = "queue/sockets/com"
	ARSocket      = "queue/alerts/ar"
	ExecqSocket   = "queue/alerts/execq"
	ClientKeys    = "etc/client.keys"
	SharedDir     = "etc/shared"
	ModuleSockets = "var/run/modules"
	LogsDir       = "logs"
)

// Path joins a root-relative path onto the root.
func (r Root) Path(rel string) string { return filepath.Join(string(r), filepath.FromSlash(rel)) }

// embeddedDirs are created on first start in embedded mode.
var embeddedDirs = []string{
	SecurityDir, SSLDir, "api/configuration", "queue/db", "queue/sockets", "queue/alerts", "queue/tasks",
	"queue/agent-groups", "var/db", "var/run", ModuleSockets, "etc", SharedDir, SharedDir + "/default",
	"etc/rules", "etc/decoders", "etc/lists", LogsDir, LogsDir + "/archives", "stats",
}

// defaultAgentConf is the default group's agent.conf Wazuh ships.
const defaultAgentConf = "<agent_config>\n\n  <!-- Shared agent configuration here -->\n\n</agent_config>\n"

// defaultARConf is etc/shared/ar.conf as a manager's installer writes it:
// one "command - script - timeout" line per active-response command the
// agents may run (the restart commands).
const defaultARConf = `restart-ossec0 - restart-ossec.sh - 0
restart-ossec0 - restart-ossec.cmd - 0
restart-wazuh0 - restart-ossec.sh - 0
restart-wazuh0 - restart-ossec.cmd - 0
restart-wazuh0 - restart-wazuh - 0
restart-wazuh0 - restart-wazuh.exe - 0
`

// embeddedFiles are written on first start when missing.
var embeddedFiles = []struct {
	path, content string
	mode          os.FileMode
}{
	{SharedDir + "/default/agent.conf", defaultAgentConf, 0o660},
	{SharedDir + "/ar.conf", defaultARConf, 0o660},
	{ClientKeys, "", 0o640},
}

// EnsureEmbedded creates the Wazuh-like layout under r, keeping whatever
// already exists. It reports whether the root was new.
func EnsureEmbedded(r Root) (created bool, err error) {
	if _, err := os.Stat(r.Path(SecurityDir)); os.IsNotExist(err) {
		created = true
	}
	for _, d := range embeddedDirs {
		if err := os.MkdirAll(r.Path(d), 0o750); err != nil {
			return false, fmt.Errorf("layout: create %s: %w", d, err)
		}
	}
	for _, f := range embeddedFiles {
		path := r.Path(f.path)
		if _, err := os.Stat(path); os.IsNotExist(err) {
			if err := os.WriteFile(path, []byte(f.content), f.mode); err != nil {
				return false, fmt.Errorf("layout: %s: %w", f.path, err)
			}
		}
	}
	return created, nil
}

// CheckAttached verifies that r looks like a Wazuh installation.
func CheckAttached(r Root) error {
	for _, p := range []string{"queue/db", "api/configuration", "etc"} {
		if _, err := os.Stat(r.Path(p)); err != nil {
			return fmt.Errorf("layout: %s is not a Wazuh root (missing %s): %w", r, p, err)
		}
	}
	return nil
}
