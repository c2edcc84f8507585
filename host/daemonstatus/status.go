package daemonstatus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Daemon states, as GET /manager/status reports them.
const (
	Running    = "running"
	Stopped    = "stopped"
	Failed     = "failed"
	Restarting = "restarting"
	Starting   = "starting"
)

// Status returns the state of daemon proc (e.g. "wazuh-db") from the files
// in runDir (<root>/var/run): <proc>.failed means failed, else
// <proc>.restart restarting, else <proc>.start starting; else a pid file
// <proc>-<pid>.pid means running when any of their processes exists in
// procDir (/proc) and failed when none does; no pid file means stopped.
func Status(runDir, procDir, proc string) (string, error) {
	for _, flag := range []struct{ suffix, state string }{{".failed", Failed}, {".restart", Restarting}, {".start", Starting}} {
		if _, err := os.Stat(filepath.Join(runDir, proc+flag.suffix)); err == nil {
			return flag.state, nil
		}
	}
	entries, err := os.ReadDir(runDir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return Stopped, nil
		}
		return "", fmt.Errorf("daemonstatus: read %s: %w", runDir, err)
	}
	state := Stopped
	for _, e := range entries {
		pid, ok := pidOf(e.Name(), proc)
		if !ok {
			continue
		}
		state = Failed
		if _, err := os.Stat(filepath.Join(procDir, strconv.Itoa(pid))); err == nil {
			return Running, nil
		}
	}
	return state, nil
}

// pidOf parses "<proc>-<pid>.pid".
func pidOf(name, proc string) (int, bool) {
	rest, ok := strings.CutPrefix(name, proc+"-")
	if !ok {
		return 0, false
	}
	digits, ok := strings.CutSuffix(rest, ".pid")
	if !ok {
		return 0, false
	}
	pid, err := strconv.Atoi(digits)
	return pid, err == nil && pid > 0
}
