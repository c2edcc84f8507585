package schedtune

import (
	"fmt"
	"os"
	"strings"
	"syscall"
)

// sysmonSetting is the GODEBUG setting that keeps sysmon awake: the
// largest schedtrace period (2^31-1 ms, 24.8 days). Sysmon skips its deep
// sleep whenever schedtrace is set; with this period the runtime prints
// its scheduler line only when the machine's monotonic clock passes a
// multiple of 24.8 days, which is at most once per 24.8 days.
const sysmonSetting = "schedtrace=2147483647"

// SysmonGODEBUG returns godebug (a GODEBUG value) with the setting that
// keeps sysmon awake, or godebug unchanged when it already sets
// schedtrace (an operator's choice wins).
func SysmonGODEBUG(godebug string) string {
	for _, kv := range strings.Split(godebug, ",") {
		if strings.HasPrefix(strings.TrimSpace(kv), "schedtrace=") {
			return godebug
		}
	}
	if godebug == "" {
		return sysmonSetting
	}
	return godebug + "," + sysmonSetting
}

// KeepSysmonAwake re-executes the running binary (/proc/self/exe, so an
// upgrade that replaced the file on disk does not matter) with the same
// arguments and GODEBUG extended by SysmonGODEBUG, when GODEBUG does not
// set schedtrace yet. Call it first thing in main: on success it does not
// return, and the new process finds schedtrace set and carries on. It returns an error, and the process carries on untuned, where
// re-execution is unavailable.
func KeepSysmonAwake() error {
	godebug := os.Getenv("GODEBUG")
	tuned := SysmonGODEBUG(godebug)
	if tuned == godebug {
		return nil
	}
	env := append(withoutVar(os.Environ(), "GODEBUG"), "GODEBUG="+tuned)
	if err := syscall.Exec("/proc/self/exe", os.Args, env); err != nil {
		return fmt.Errorf("schedtune: re-exec with GODEBUG=%s: %w", tuned, err)
	}
	return nil
}

// withoutVar returns env without name's entries.
func withoutVar(env []string, name string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, name+"=") {
			out = append(out, kv)
		}
	}
	return out
}
