package module

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pluginhost"
)

// Backoff bounds for restarting a crashed module: 1 s doubling to 30 s,
// reset after 5 minutes of uptime.
const (
	minBackoff   = time.Second
	maxBackoff   = 30 * time.Second
	stableUptime = 5 * time.Minute
	pollInterval = time.Second
)

// Instance is one enabled module under supervision.
type Instance struct {
	spec Spec
	m    *Manager

	mu      sync.RWMutex
	proc    *process
	desc    sdk.Descriptor
	granted sdk.Capabilities
	since   time.Time
	down    string // reason when not serving

	wake chan struct{}
}

// Name returns the module name.
func (i *Instance) Name() string { return i.spec.Name }

// Descriptor returns the registered descriptor.
func (i *Instance) Descriptor() sdk.Descriptor {
	i.mu.RLock()
	defer i.mu.RUnlock()
	return i.desc
}

// PID returns the module process id, or 0 when it is not running.
func (i *Instance) PID() int {
	i.mu.RLock()
	defer i.mu.RUnlock()
	if i.proc == nil || i.proc.client.Exited() {
		return 0
	}
	if rc := i.proc.client.ReattachConfig(); rc != nil {
		return rc.Pid
	}
	return 0
}

// unavailable is the error routes answer while their module is down: Wazuh's
// 1017 "daemons not ready" message with status 503.
func (i *Instance) unavailable(reason string) *sdk.Error {
	return &sdk.Error{
		Code: 1017, HTTPStatus: http.StatusServiceUnavailable,
		Message: fmt.Sprintf("Some Wazuh daemons are not ready yet in node \"%s\" (wazuh-module-%s->%s)", i.m.nodeName, i.spec.Name, reason),
	}
}

func (i *Instance) current() (*pluginhost.Client, *sdk.Error) {
	i.mu.RLock()
	defer i.mu.RUnlock()
	if i.proc == nil || i.down != "" {
		reason := i.down
		if reason == "" {
			reason = "stopped"
		}
		return nil, i.unavailable(reason)
	}
	return i.proc.rpc, nil
}

// Handle forwards a request to the module. While the module is down it
// answers 503; a transport failure wakes the supervisor and answers 503.
func (i *Instance) Handle(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	rpc, uerr := i.current()
	if uerr != nil {
		return nil, uerr
	}
	resp, err := rpc.Handle(ctx, req)
	return resp, i.mapTransport(ctx, err)
}

// HandleStream forwards a streaming request (see pluginhost.Client).
func (i *Instance) HandleStream(ctx context.Context, req *sdk.Request, start func(int, http.Header), body io.Writer) error {
	rpc, uerr := i.current()
	if uerr != nil {
		return uerr
	}
	return i.mapTransport(ctx, rpc.HandleStream(ctx, req, start, body))
}

// mapTransport turns a call's transport failure into the module's 503
// (1017) and wakes the supervisor. Wazuh errors pass through, and so does
// any failure of a call whose context ended (the request timed out or its
// client went away): the module is not at fault.
func (i *Instance) mapTransport(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return fmt.Errorf("module %s: %w (%w)", i.spec.Name, ctx.Err(), err)
	}
	var we *sdk.Error
	if errors.As(err, &we) {
		return we
	}
	if st, ok := status.FromError(errors.Unwrap(err)); ok && st.Code() == codes.DeadlineExceeded {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return err
	}
	select {
	case i.wake <- struct{}{}:
	default:
	}
	return i.unavailable("unavailable")
}

// run starts the module and configures it. register validates and records
// the descriptor (first start) or checks it is unchanged (restarts).
func (i *Instance) run(ctx context.Context, register func(*Instance, sdk.Descriptor) error) error {
	p, err := startProcess(ctx, i.spec, i.m.socketDir, i.m.startTimeout, i.m.logLevel, i.m.log)
	if err != nil {
		return err
	}
	if err := register(i, p.desc); err != nil {
		p.stop(ctx)
		return err
	}
	granted := grantFor(p.desc.Needs, i.spec.Grant)
	cctx, cancel := context.WithTimeout(ctx, i.m.startTimeout)
	defer cancel()
	err = p.rpc.Configure(cctx, pluginhost.ConfigureOptions{
		Host: i.m.newHost(i.spec.Name, granted), Settings: i.spec.Settings, Granted: granted, NodeName: i.m.nodeName,
	})
	if err != nil {
		p.stop(ctx)
		return fmt.Errorf("module %s: %w", i.spec.Name, err)
	}
	i.mu.Lock()
	i.proc, i.desc, i.granted, i.since, i.down = p, p.desc, granted, time.Now(), ""
	i.mu.Unlock()
	return nil
}

// supervise restarts the module when it exits, with exponential backoff.
func (i *Instance) supervise(ctx context.Context) {
	backoff := minBackoff
	ticker := time.NewTicker(pollInterval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		case <-i.wake:
		}
		i.mu.RLock()
		p, since := i.proc, i.since
		i.mu.RUnlock()
		if p != nil && !p.client.Exited() {
			continue
		}
		if p != nil {
			p.release()
			if time.Since(since) > stableUptime {
				backoff = minBackoff
			}
		}
		i.mu.Lock()
		i.down = "restarting"
		i.mu.Unlock()
		i.m.log.Warn("module exited; restarting", "module", i.spec.Name, "backoff", backoff)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		if err := i.run(ctx, i.m.checkRestart); err != nil {
			i.m.log.Error("module restart failed", "module", i.spec.Name, "error", err)
			i.mu.Lock()
			i.proc, i.down = nil, "failed"
			i.mu.Unlock()
			backoff = min(backoff*2, maxBackoff)
			continue
		}
		i.m.log.Info("module restarted", "module", i.spec.Name)
	}
}

func (i *Instance) stop(ctx context.Context) {
	i.mu.Lock()
	p := i.proc
	i.proc, i.down = nil, "stopped"
	i.mu.Unlock()
	if p != nil {
		p.stop(ctx)
	}
}
