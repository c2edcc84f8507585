package main

import (
	"strconv"
	"strings"
)

// Active-response queue messages (data-layer.md §4.6 and §6; the same
// strings as host/daemons/activeresponse).
const (
	arHeader = "(msg_to_agent) []"
	// restartJSON is RESTART_AGENTS_JSON, json.dumps of the restart command
	// with origin.module evaluated at import time ("framework").
	restartJSON   = `{"version": 1, "origin": {"module": "framework"}, "command": "restart-wazuh0", "parameters": {"extra_args": [], "alert": {}}}`
	restartLegacy = "restart-ossec0"
	restartSuffix = " - null (from_the_server) (no_rule_id)"
	// arLegacyVersion is AR_LEGACY_VERSION: older agents get plain commands.
	arLegacyVersion = "Wazuh v4.2.0"
)

// restartMessage is `(msg_to_agent) [] NNS 001 <restart> - null
// (from_the_server) (no_rule_id)`, legacy for agents older than v4.2.0.
func restartMessage(id, version string) string {
	body := restartJSON
	if version != "" && versionLess(version, arLegacyVersion) {
		body = restartLegacy
	}
	return arHeader + " NNS " + id + " " + body + restartSuffix
}

// reconnectMessage is `(msg_to_agent) [] N!S 001 force_reconnect`.
func reconnectMessage(id string) string {
	return arHeader + " N!S " + id + " force_reconnect"
}

// versionLess compares "Wazuh vX.Y.Z" versions numerically.
func versionLess(a, b string) bool {
	pa, pb := versionParts(a), versionParts(b)
	for i := range 3 {
		if pa[i] != pb[i] {
			return pa[i] < pb[i]
		}
	}
	return false
}

func versionParts(v string) [3]int {
	v = strings.TrimSpace(strings.ToLower(v))
	v = strings.TrimPrefix(v, "wazuh")
	v = strings.TrimSpace(v)
	v = strings.TrimPrefix(v, "v")
	var out [3]int
	for i, p := range strings.SplitN(v, ".", 3) {
		digits := p
		for j, c := range p {
			if c < '0' || c > '9' {
				digits = p[:j]
				break
			}
		}
		out[i], _ = strconv.Atoi(digits)
	}
	return out
}
