package app

import (
	"testing"

	"github.com/wazuh-go/server/host/api"
	"github.com/wazuh-go/server/host/wazuhdb"
)

// The manager row as the integration fixture's agent 000 shows it (an
// Ubuntu 20.04 manager), and a Debian one without a minor version.
func TestManagerFromSystem(t *testing.T) {
	u := unameInfo{"Linux", "wazuh-master", "5.4.0-67-generic", "#75-Ubuntu SMP Fri Feb 19 18:03:38 UTC 2021", "x86_64"}
	rel := parseOSRelease("NAME=\"Ubuntu\"\nVERSION=\"20.04.1 LTS (Focal Fossa)\"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"20.04\"\n# comment=x\n")
	got := managerFromSystem("wazuh-master", "master-node", u, rel)
	want := wazuhdb.Manager{Name: "wazuh-master", ManagerHost: "wazuh-master", Version: "Wazuh v" + api.APIVersion, NodeName: "master-node",
		OSName: "Ubuntu", OSVersion: "20.04.1 LTS", OSMajor: "20", OSMinor: "04", OSCodename: "Focal Fossa", OSPlatform: "ubuntu",
		OSUname: "Linux |wazuh-master |5.4.0-67-generic |#75-Ubuntu SMP Fri Feb 19 18:03:38 UTC 2021 |x86_64", OSArch: "x86_64"}
	if got != want {
		t.Fatalf("ubuntu:\n got %+v\nwant %+v", got, want)
	}
	got = managerFromSystem("vm", "node01", unameInfo{"Linux", "vm", "6.1.0", "#1 SMP", "aarch64"},
		parseOSRelease("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nID=debian\n"))
	if got.OSName != "Debian GNU/Linux" || got.OSVersion != "12" || got.OSCodename != "bookworm" || got.OSMajor != "12" ||
		got.OSMinor != "" || got.OSPlatform != "debian" || got.OSArch != "aarch64" || got.OSUname != "Linux |vm |6.1.0 |#1 SMP |aarch64" {
		t.Fatalf("debian: %+v", got)
	}
	got = managerFromSystem("a", "node01", unameInfo{}, parseOSRelease("NAME='Alpine Linux'\nID=alpine\nVERSION_ID=3.19.1\n"))
	if got.OSName != "Alpine Linux" || got.OSVersion != "3.19.1" || got.OSMajor != "3" || got.OSMinor != "19" || got.OSCodename != "" {
		t.Fatalf("alpine: %+v", got)
	}
	if m := localManager("node01"); m.Name == "" || m.Version != "Wazuh v"+api.APIVersion || m.OSUname == "" || m.OSArch == "" {
		t.Fatalf("this machine: %+v", m)
	}
}
