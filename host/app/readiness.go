package app

import (
	"context"
	"sync"
	"time"

	"github.com/wazuh-go/server/host/daemonstatus"
	"github.com/wazuh-go/server/sdk"
)

// readinessInterval is how often, in attached mode, the pid files of the
// daemons the framework needs are read again.
const readinessInterval = 500 * time.Millisecond

// daemonsNotReady returns what the API answers while a daemon the framework
// needs is down: in attached mode Wazuh's 1017 from the manager's pid
// files, watched until Close; nil in embedded mode, whose daemons run
// inside this process.
func (a *App) daemonsNotReady() func() *sdk.Error {
	if a.cfg.Mode != "attached" {
		return nil
	}
	r := daemonstatus.NewReadiness(a.root.Path("var/run"), "/proc", a.cfg.NodeName)
	if e := r.Err(); e != nil {
		a.log.Warn("Wazuh daemons not running; framework calls answer 1017 until they are", "detail", e.Message)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { r.Watch(ctx, readinessInterval) })
	a.addCloser(func() { cancel(); wg.Wait() })
	return r.Err
}
