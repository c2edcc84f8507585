package layout

import "testing"

// The socket table has Wazuh's paths (data-layer.md §1.2) for every
// logical name the modules use, agent 000's daemon sockets included.
func TestSocketsAreWazuhsPaths(t *testing.T) {
	want := map[string]Socket{
		"auth": {Path: "queue/sockets/auth"}, "remote": {Path: "queue/sockets/remote"}, "com": {Path: "queue/sockets/com"},
		"analysis": {Path: "queue/sockets/analysis"}, "agentless": {Path: "queue/sockets/agentless"},
		"csyslog": {Path: "queue/sockets/csyslog"}, "integrator": {Path: "queue/sockets/integrator"},
		"logcollector": {Path: "queue/sockets/logcollector"}, "mail": {Path: "queue/sockets/mail"},
		"monitor": {Path: "queue/sockets/monitor"}, "syscheck": {Path: "queue/sockets/syscheck"},
		"wmodules": {Path: "queue/sockets/wmodules"}, "wdb": {Path: "queue/db/wdb"},
		"queue": {Path: "queue/sockets/queue", Datagram: true}, "ar": {Path: "queue/alerts/ar", Datagram: true},
		"execq": {Path: "queue/alerts/execq", Datagram: true},
	}
	got := Sockets()
	if len(got) != len(want) {
		t.Errorf("%d sockets, want %d: %v", len(got), len(want), got)
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %+v, want %+v", name, got[name], w)
		}
	}
	if got["auth"].Path != AuthSocket || got["remote"].Path != RemoteSocket || got["com"].Path != ComSocket || got["wdb"].Path != WDBSocket {
		t.Error("table and path constants disagree")
	}
}
