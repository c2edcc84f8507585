package wazuhdb

import (
	"strings"
	"testing"
)

// WithManager fills the schema's bare localhost row as wm_sync_manager
// does: name, version, node, manager_host, os_* (NULL when unknown) and
// the manager's fixed status columns.
func TestWithManagerFillsAgent000(t *testing.T) {
	root := newRoot(t)
	s := startServer(t, root, WithManager(Manager{
		Name: "wazuh-master", Version: "Wazuh v4.14.7", NodeName: "node01", ManagerHost: "wazuh-master",
		OSName: "Ubuntu", OSVersion: "20.04.1 LTS", OSMajor: "20", OSMinor: "04", OSCodename: "Focal Fossa",
		OSPlatform: "ubuntu", OSUname: "Linux |wazuh-master |5.4.0-67-generic |#75-Ubuntu SMP |x86_64", OSArch: "x86_64",
	}))
	got := mustOK(t, s, "global sql SELECT name, ip, register_ip, version, node_name, manager_host, os_name, os_version, "+
		"os_major, os_minor, os_codename, os_build, os_platform, os_uname, os_arch, connection_status, last_keepalive, "+
		"sync_status, group_config_status, `group` FROM agent WHERE id = 0")
	want := `[{"name":"wazuh-master","ip":"127.0.0.1","register_ip":"127.0.0.1","version":"Wazuh v4.14.7","node_name":"node01",` +
		`"manager_host":"wazuh-master","os_name":"Ubuntu","os_version":"20.04.1 LTS","os_major":"20","os_minor":"04",` +
		`"os_codename":"Focal Fossa","os_platform":"ubuntu","os_uname":"Linux |wazuh-master |5.4.0-67-generic |#75-Ubuntu SMP |x86_64",` +
		`"os_arch":"x86_64","connection_status":"active","last_keepalive":253402300799,"sync_status":"synced","group_config_status":"synced"}]`
	if got != want {
		t.Fatalf("manager row:\n got %s\nwant %s", got, want)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// A restart with a changed host keeps the row in step and leaves
	// unknown os_* fields NULL.
	s2 := startServer(t, root, WithManager(Manager{Name: "renamed", Version: "Wazuh v4.14.7", ManagerHost: "renamed", OSName: "Arch Linux", OSPlatform: "arch"}))
	got = mustOK(t, s2, "global sql SELECT name, manager_host, node_name, os_name, os_version, os_platform FROM agent WHERE id = 0")
	if got != `[{"name":"renamed","manager_host":"renamed","node_name":"node01","os_name":"Arch Linux","os_platform":"arch"}]` {
		t.Fatalf("after restart: %s", got)
	}
	if n := mustOK(t, s2, "global sql SELECT COUNT(*) AS n FROM agent"); !strings.Contains(n, `"n":1`) {
		t.Fatalf("rows: %s", n)
	}
}
