package bench

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// ResetPeakRSS restarts the peak resident set size (VmHWM) of the host and
// its modules, so that PeakRSS reports the peak of what runs next. It
// returns an error where /proc does not support it.
func (h *Host) ResetPeakRSS() error {
	for _, pid := range h.pids() {
		if err := os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0); err != nil {
			return fmt.Errorf("bench: reset peak RSS of %d: %w", pid, err)
		}
	}
	return nil
}

// PeakRSS returns the peak resident set size, in bytes, of the host and of
// its largest module since the last ResetPeakRSS.
func (h *Host) PeakRSS() (host, modules int64) { return h.rss("VmHWM:") }

// RSS returns the current resident set size, in bytes, of the host and of
// its largest module.
func (h *Host) RSS() (host, modules int64) { return h.rss("VmRSS:") }

func (h *Host) rss(field string) (host, modules int64) {
	for i, pid := range h.pids() {
		kb := statusField(pid, field)
		if i == 0 {
			host = kb << 10
		} else {
			modules = max(modules, kb<<10)
		}
	}
	return host, modules
}

// pids returns the host's pid followed by its children's (the modules).
func (h *Host) pids() []int {
	if h.cmd == nil || h.cmd.Process == nil {
		return nil
	}
	pid := h.cmd.Process.Pid
	pids := []int{pid}
	// Each thread lists the children it started (go-plugin starts modules
	// from any of the host's threads).
	tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	for _, t := range tasks {
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/children", pid, t.Name()))
		if err != nil {
			continue
		}
		for _, f := range strings.Fields(string(data)) {
			if child, err := strconv.Atoi(f); err == nil {
				pids = append(pids, child)
			}
		}
	}
	return pids
}

// statusField reads a "kB" field of /proc/<pid>/status (0 when missing).
func statusField(pid int, name string) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), name); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}
