package wazuhdb

import (
	"fmt"
	"strings"
)

// values returns the agent's INSERT arguments in column order, with NULLs
// where a real agent in that state has none (never-connected agents have
// no IP, OS, version or keepalive; only connected agents report OS data).
func (a genAgent) values() []any {
	nullable := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	connected := a.status == "active" || a.status == "disconnected"
	var osName, osVersion, osMajor, osMinor, osCodename, osBuild, osPlatform, osUname, osArch any
	if connected {
		o := a.os
		osName, osVersion, osMajor, osMinor = o.name, o.version, nullable(o.major), nullable(o.minor)
		osCodename, osBuild, osPlatform, osArch = nullable(o.codename), nullable(o.build), o.platform, o.arch
		osUname = o.uname
		if strings.Contains(o.uname, "%s") {
			osUname = fmt.Sprintf(o.uname, a.name)
		}
	}
	var ip, keepalive, managerHost any
	if a.status != "never_connected" {
		ip, keepalive, managerHost = a.ip, a.keepalive, "wazuh-manager"
	}
	csv := strings.Join(a.groups, ",")
	groupConfig := a.groupConfig
	if groupConfig == "" {
		groupConfig = "not synced"
	}
	statusCode := 0
	if a.status == "disconnected" && a.id%7 == 0 {
		statusCode = 3 // shutdown message received
	}
	return []any{
		a.id, a.name, ip, a.registerIP, a.key,
		osName, osVersion, osMajor, osMinor, osCodename, osBuild, osPlatform, osUname, osArch,
		nullable(a.version), nullable(a.configSum), nullable(a.mergedSum), managerHost, a.node,
		a.dateAdd, keepalive, nullable(csv), nullable(groupHash(csv)), "synced", "synced",
		a.status, a.disconnectedAt, groupConfig, statusCode,
	}
}
