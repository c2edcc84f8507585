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
	conf := r.Path(SharedDir + "/default/agent.conf")
	if _, err := os.Stat(conf); os.IsNotExist(err) {
		if err := os.WriteFile(conf, []byte(defaultAgentConf), 0o660); err != nil {
			return false, fmt.Errorf("layout: default agent.conf: %w", err)
		}
	}
	keys := r.Path(ClientKeys)
	if _, err := os.Stat(keys); os.IsNotExist(err) {
		if err := os.WriteFile(keys, nil, 0o640); err != nil {
			return false, fmt.Errorf("layout: client.keys: %w", err)
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
