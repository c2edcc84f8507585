package daemonstatus

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/wazuh-go/server/sdk"
)

// Required are the daemons Wazuh's DAPI checks before every framework call
// (api-surface.md §6, error 1017).
var Required = []string{"wazuh-modulesd", "wazuh-analysisd", "wazuh-execd", "wazuh-db", "wazuh-remoted"}

// Readiness watches the required daemons. Wazuh reads the pid files on
// every call; Readiness reads them every interval in the background, so a
// request pays nothing and sees a state at most one interval old.
type Readiness struct {
	runDir, procDir, node string
	notReady              atomic.Pointer[sdk.Error]
}

// NewReadiness watches the daemons of the manager whose var/run is runDir;
// node names the node in the error message.
func NewReadiness(runDir, procDir, node string) *Readiness {
	r := &Readiness{runDir: runDir, procDir: procDir, node: node}
	r.Refresh()
	return r
}

// Err returns Wazuh's 1017 error when a required daemon is not running,
// else nil.
func (r *Readiness) Err() *sdk.Error { return r.notReady.Load() }

// Refresh reads the daemons' states now.
func (r *Readiness) Refresh() {
	var down []string
	for _, d := range Required {
		state, err := Status(r.runDir, r.procDir, d)
		if err != nil {
			state = Failed
		}
		if state != Running {
			down = append(down, d+"->"+state)
		}
	}
	if len(down) == 0 {
		r.notReady.Store(nil)
		return
	}
	r.notReady.Store(&sdk.Error{
		Code: 1017, HTTPStatus: http.StatusInternalServerError,
		Message: fmt.Sprintf("Some Wazuh daemons are not ready yet in node \"%s\" (%s)", r.node, strings.Join(down, ", ")),
	})
}

// Watch refreshes every interval until ctx is done.
func (r *Readiness) Watch(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			r.Refresh()
		}
	}
}
