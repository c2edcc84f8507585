package authd

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Limits applied to add requests.
const (
	// MaxNameLen is Wazuh's agent name limit (AGENT_NAME_LEN_LIMIT).
	MaxNameLen = 128
	// MaxGroupsPerAgent is MAX_GROUPS_PER_MULTIGROUP.
	MaxGroupsPerAgent = 128
	// MaxGroupNameLen is the longest group name authd accepts.
	MaxGroupNameLen = 255
	// MaxAgentID is the highest agent id accepted.
	MaxAgentID = 99999999
)

// ValidName reports whether name can be registered: 1 to MaxNameLen
// characters among letters, digits and "_-.%" (the API's `names` format).
// This keeps every name a single client.keys field that cannot start with
// the removal mark.
func ValidName(name string) bool {
	if name == "" || len(name) > MaxNameLen {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == '_', c == '-', c == '.', c == '%':
		default:
			return false
		}
	}
	return true
}

// ValidIP reports whether ip is "any" (any case), an IPv4/IPv6 address or a
// CIDR, as the API checks before calling authd.
func ValidIP(ip string) bool {
	if strings.EqualFold(ip, "any") {
		return true
	}
	if strings.Contains(ip, "/") {
		_, _, err := net.ParseCIDR(ip)
		return err == nil
	}
	return net.ParseIP(ip) != nil
}

// IsAnyIP reports whether ip is the "any" wildcard, which is never a
// duplicate.
func IsAnyIP(ip string) bool { return strings.EqualFold(ip, "any") }

// ParseAgentID parses a decimal agent id ("13", "013") into its value.
func ParseAgentID(id string) (int, bool) {
	if !isDigits(id) || len(id) > 9 {
		return 0, false
	}
	n, err := strconv.Atoi(id)
	if err != nil || n > MaxAgentID {
		return 0, false
	}
	return n, true
}

// FormatAgentID renders an agent id zero-padded to 3 digits ("%03d").
func FormatAgentID(n int) string { return fmt.Sprintf("%03d", n) }

// ValidKey reports whether a caller-supplied key can be stored: non-empty,
// printable ASCII without spaces.
func ValidKey(key string) bool {
	if key == "" {
		return false
	}
	for i := 0; i < len(key); i++ {
		if key[i] <= ' ' || key[i] > '~' {
			return false
		}
	}
	return true
}

// ValidGroupName reports whether g is a valid group name:
// [A-Za-z0-9.\-_]+, at most MaxGroupNameLen, and not "." or "..".
func ValidGroupName(g string) bool {
	if g == "" || g == "." || g == ".." || len(g) > MaxGroupNameLen {
		return false
	}
	for i := 0; i < len(g); i++ {
		c := g[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == '.', c == '-', c == '_':
		default:
			return false
		}
	}
	return true
}

// SplitGroups validates a comma-separated group list like authd's
// w_auth_validate_groups: every name valid, at most MaxGroupsPerAgent, and
// each one an existing directory under sharedDir (etc/shared).
func SplitGroups(csv, sharedDir string) ([]string, bool) {
	groups := strings.Split(csv, ",")
	if len(groups) > MaxGroupsPerAgent {
		return nil, false
	}
	for _, g := range groups {
		if !ValidGroupName(g) {
			return nil, false
		}
		fi, err := os.Stat(filepath.Join(sharedDir, g))
		if err != nil || !fi.IsDir() {
			return nil, false
		}
	}
	return groups, true
}
