package module

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/wazuh-go/server/sdk/pluginhost"
)

// livenessMisses is how many health checks in a row a running module may
// leave unanswered before it is killed and restarted.
const livenessMisses = 3

// probeLiveness asks the running module for its health every interval,
// allowing each check the interval to answer. A module that answers, even
// that it is unhealthy, is alive; one that leaves livenessMisses checks
// in a row unanswered (hung, deadlocked, stopped) is killed, and the
// supervisor restarts it as after a crash. Meanwhile its requests end with
// the request timeout (3021), as Wazuh's do when a DAPI call hangs.
func (i *Instance) probeLiveness(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	var (
		watched *process
		misses  int
	)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		i.mu.RLock()
		p := i.proc
		i.mu.RUnlock()
		if p == nil || p.client.Exited() {
			continue
		}
		if p != watched {
			watched, misses = p, 0
		}
		cctx, cancel := context.WithTimeout(ctx, interval)
		err := p.rpc.CheckHealth(cctx)
		cancel()
		if err == nil || errors.Is(err, pluginhost.ErrModuleUnhealthy) || ctx.Err() != nil {
			misses = 0
			continue
		}
		misses++
		i.m.log.Warn("module did not answer its health check", "module", i.spec.Name, "misses", misses, "error", err)
		if misses < livenessMisses {
			continue
		}
		i.m.log.Error("module unresponsive; killing it for a restart", "module", i.spec.Name)
		if pid := i.PID(); pid > 0 {
			if proc, err := os.FindProcess(pid); err == nil {
				_ = proc.Kill() // SIGKILL also ends a stopped process
			}
		}
		misses = 0
		select {
		case i.wake <- struct{}{}:
		default:
		}
	}
}
