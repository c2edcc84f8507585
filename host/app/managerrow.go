package app

import (
	"os"
	"regexp"
	"strings"
	"syscall"

	"github.com/wazuh-go/server/host/api"
	"github.com/wazuh-go/server/host/wazuhdb"
)

// osRelease is what Wazuh's get_unix_version reads from /etc/os-release:
// NAME, VERSION (VERSION_ID when there is no VERSION) and ID.
type osRelease struct{ name, version, platform string }

// parseOSRelease reads os-release text: KEY=value lines, values optionally
// quoted.
func parseOSRelease(text string) osRelease {
	kv := map[string]string{}
	for _, line := range strings.Split(text, "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if !ok || strings.HasPrefix(k, "#") {
			continue
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		}
		kv[k] = v
	}
	r := osRelease{name: kv["NAME"], version: kv["VERSION"], platform: kv["ID"]}
	if r.version == "" {
		r.version = kv["VERSION_ID"]
	}
	return r
}

// unameInfo is uname(2)'s fields.
type unameInfo struct{ sysname, nodename, release, version, machine string }

var (
	versionMajor = regexp.MustCompile(`^([0-9]+)`)
	versionMinor = regexp.MustCompile(`^[0-9]+\.([0-9]+)`)
)

// managerFromSystem is agent 000 as wazuh-modulesd's wm_sync_manager
// writes it: name and manager_host the host name, version "Wazuh v" plus
// the version GET / reports, node_name the cluster node name, and the os_*
// columns parse_uname_string extracts from getuname()'s
// "sysname |nodename |release |version |machine [NAME|ID: VERSION]":
// os_uname is the part before " [", os_arch the machine, os_codename the
// parenthesized part of VERSION, os_version the rest, os_major and
// os_minor its leading numbers.
func managerFromSystem(hostname, nodeName string, u unameInfo, rel osRelease) wazuhdb.Manager {
	m := wazuhdb.Manager{
		Name: hostname, ManagerHost: hostname, Version: "Wazuh v" + api.APIVersion, NodeName: nodeName,
		OSName: rel.name, OSPlatform: rel.platform, OSArch: u.machine,
		OSUname: strings.Join([]string{u.sysname, u.nodename, u.release, u.version, u.machine}, " |"),
	}
	m.OSVersion = rel.version
	if i := strings.Index(m.OSVersion, " ("); i >= 0 && strings.HasSuffix(m.OSVersion, ")") {
		m.OSVersion, m.OSCodename = m.OSVersion[:i], m.OSVersion[i+2:len(m.OSVersion)-1]
	}
	if g := versionMajor.FindStringSubmatch(m.OSVersion); g != nil {
		m.OSMajor = g[1]
	}
	if g := versionMinor.FindStringSubmatch(m.OSVersion); g != nil {
		m.OSMinor = g[1]
	}
	return m
}

// localManager describes this machine as agent 000.
func localManager(nodeName string) wazuhdb.Manager {
	hostname, _ := os.Hostname()
	var rel osRelease
	for _, p := range []string{"/etc/os-release", "/usr/lib/os-release"} {
		if b, err := os.ReadFile(p); err == nil {
			rel = parseOSRelease(string(b))
			break
		}
	}
	var u unameInfo
	var raw syscall.Utsname
	if syscall.Uname(&raw) == nil {
		u = unameInfo{utsString(raw.Sysname[:]), utsString(raw.Nodename[:]), utsString(raw.Release[:]),
			utsString(raw.Version[:]), utsString(raw.Machine[:])}
	}
	return managerFromSystem(hostname, nodeName, u, rel)
}

// utsString converts a NUL-terminated utsname field.
func utsString[T int8 | uint8](field []T) string {
	b := make([]byte, 0, len(field))
	for _, c := range field {
		if c == 0 {
			break
		}
		b = append(b, byte(c))
	}
	return string(b)
}
