// Command wazuh-bench is the load driver of `make bench`: it starts the real
// wazuh-apid with its modules on this machine and prints requests/s and
// latency percentiles next to the project's targets.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/wazuh-go/server/host/schedtune"
)

// password is the bench host's admin password.
const password = "Bench.Pass1"

func main() {
	// The driver's own scheduler wakes would otherwise add to every
	// latency it measures (host/schedtune).
	if err := schedtune.KeepSysmonAwake(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	bin := flag.String("bin", "./bin", "directory holding wazuh-apid and modules/")
	duration := flag.Duration("duration", 5*time.Second, "duration of each load run")
	agents := flag.Int("agents", 100000, "agents generated for the agent module runs (0 skips them)")
	verbose := flag.Bool("v", false, "print the host's log")
	flag.Parse()
	binDir, err := filepath.Abs(*bin)
	if err != nil {
		fail(err)
	}
	var hostLog io.Writer = io.Discard
	if *verbose {
		hostLog = os.Stderr
	}
	ctx := context.Background()
	tmp, err := os.MkdirTemp("", "wazuh-bench")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(tmp)
	env := benchEnv{ctx: ctx, binDir: binDir, tmp: tmp, duration: *duration, log: hostLog}
	if err := env.foundation(); err != nil {
		fail(err)
	}
	if _, err := os.Stat(filepath.Join(binDir, "modules", "wazuh-module-agent")); err == nil && *agents > 0 {
		if err := env.agentModule(*agents); err != nil {
			fail(err)
		}
	} else {
		fmt.Println("\n(agent module not built: skipping the agent runs)")
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "wazuh-bench:", err)
	os.Exit(1)
}

// benchEnv holds what every scenario needs.
type benchEnv struct {
	ctx      context.Context
	binDir   string
	tmp      string
	duration time.Duration
	log      io.Writer
}

// installedModules lists the modules present in the bin directory.
func (e benchEnv) installedModules() []string {
	var mods []string
	matches, _ := filepath.Glob(filepath.Join(e.binDir, "modules", "wazuh-module-*"))
	for _, m := range matches {
		mods = append(mods, filepath.Base(m)[len("wazuh-module-"):])
	}
	return mods
}
