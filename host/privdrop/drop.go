package privdrop

import (
	"errors"
	"fmt"
	"os/user"
	"strconv"
	"syscall"
)

// Account is the user and group the host switches to.
const Account = "wazuh"

// ErrNoAccount reports a system without the wazuh user or group.
var ErrNoAccount = errors.New("privdrop: no wazuh user or group on this system")

// Plan says what Drop does for a process with effective uid euid.
type Plan struct {
	// Switch is true when the process must change identity.
	Switch bool
	// UID and GID are the wazuh account's.
	UID, GID int
}

// lookup finds the wazuh account.
type lookup func() (uid, gid int, err error)

// systemAccount reads the wazuh user and group from the system databases.
func systemAccount() (int, int, error) {
	u, err := user.Lookup(Account)
	if err != nil {
		return 0, 0, fmt.Errorf("%w: %w", ErrNoAccount, err)
	}
	g, err := user.LookupGroup(Account)
	if err != nil {
		return 0, 0, fmt.Errorf("%w: %w", ErrNoAccount, err)
	}
	uid, err := strconv.Atoi(u.Uid)
	if err != nil {
		return 0, 0, fmt.Errorf("privdrop: uid %q: %w", u.Uid, err)
	}
	gid, err := strconv.Atoi(g.Gid)
	if err != nil {
		return 0, 0, fmt.Errorf("privdrop: gid %q: %w", g.Gid, err)
	}
	return uid, gid, nil
}

// plan decides: nothing to do unless enabled and running as root; then the
// wazuh account must exist.
func plan(enabled bool, euid int, find lookup) (Plan, error) {
	if !enabled || euid != 0 {
		return Plan{}, nil
	}
	uid, gid, err := find()
	if err != nil {
		return Plan{}, err
	}
	return Plan{Switch: uid != 0, UID: uid, GID: gid}, nil
}

// Drop switches the whole process (every thread, as Go does on Linux) to
// the wazuh group, with no supplementary groups, and then to the wazuh
// user, when enabled and running as root. It reports whether it switched.
func Drop(enabled bool) (bool, error) {
	p, err := plan(enabled, syscall.Geteuid(), systemAccount)
	if err != nil || !p.Switch {
		return false, err
	}
	if err := syscall.Setgroups([]int{p.GID}); err != nil {
		return false, fmt.Errorf("privdrop: setgroups: %w", err)
	}
	if err := syscall.Setgid(p.GID); err != nil {
		return false, fmt.Errorf("privdrop: setgid %d: %w", p.GID, err)
	}
	if err := syscall.Setuid(p.UID); err != nil {
		return false, fmt.Errorf("privdrop: setuid %d: %w", p.UID, err)
	}
	return true, nil
}
