package layout

// Socket is one of Wazuh's Unix sockets, relative to the root.
type Socket struct {
	// Path is root-relative.
	Path string
	// Datagram is true for SOCK_DGRAM sockets (no framing, no reply);
	// stream sockets use Wazuh's `<I` length framing.
	Datagram bool
}

// managerDaemonSockets are the stream sockets of the manager's daemons
// under queue/sockets, named by their base names (data-layer.md §1.2):
// get_active_configuration asks them for agent 000's configuration
// ("getconfig <section>", or the JSON com protocol for analysis and
// remote), "<daemon> getstate" gives their statistics, and analysis and
// remote answer getstats/getagentsstats.
var managerDaemonSockets = []string{
	"agentless", "analysis", "auth", "com", "csyslog", "integrator", "logcollector", "mail",
	"monitor", "remote", "syscheck", "wmodules",
}

// Sockets returns the host's socket table: the logical names modules pass
// to SendSocket mapped to Wazuh's paths. Every manager daemon socket is
// listed whether or not its daemon runs; a daemon that is not running
// leaves no listening socket and a send fails at once (Wazuh's 1013, or
// 1121 for a stale stream socket; 1010 for the datagram queue and ar
// sockets), it never waits.
func Sockets() map[string]Socket {
	t := map[string]Socket{
		"queue": {Path: QueueSocket, Datagram: true},
		"ar":    {Path: ARSocket, Datagram: true},
		"execq": {Path: ExecqSocket, Datagram: true},
		"wdb":   {Path: WDBSocket},
	}
	for _, name := range managerDaemonSockets {
		t[name] = Socket{Path: "queue/sockets/" + name}
	}
	return t
}
