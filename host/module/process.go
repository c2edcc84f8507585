package module

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"

	"github.com/wazuh-go/server/host/schedtune"
	"github.com/wazuh-go/server/sdk"
	sdkplugin "github.com/wazuh-go/server/sdk/plugin"
	"github.com/wazuh-go/server/sdk/pluginhost"
)

// envAllowlist are the host variables a module inherits; everything else
// (JWT material, passwords such as WAZUH_API_ADMIN_PASSWORD) stays in the
// host. Per-module variables come from the module's env config.
// The Go runtime's GOGC and GOMEMLIMIT pass through so that one setting
// tunes every process.
var envAllowlist = []string{"PATH", "TZ", "LANG", "LC_ALL", "HOME", "TMPDIR", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "GOCOVERDIR", "GOGC", "GOMEMLIMIT"}

// Spec says how to start one module.
type Spec struct {
	// Name of the module.
	Name string
	// Path of the binary.
	Path string
	// SHA256 pins the binary (hex); empty disables pinning.
	SHA256 string
	// Env adds NAME=value variables.
	Env []string
	// Grant limits capabilities; nil grants the module's needs.
	Grant *sdk.Capabilities
	// Settings is the module's JSON settings.
	Settings []byte
}

// process is one started module process.
type process struct {
	client *goplugin.Client
	rpc    *pluginhost.Client
	desc   sdk.Descriptor
}

// startProcess launches the binary, completes the handshake and fetches the
// descriptor. Configure is left to the caller.
func startProcess(ctx context.Context, spec Spec, socketDir string, timeout time.Duration, logLevel string, logger hclog.Logger) (*process, error) {
	cmd := exec.Command(spec.Path)
	cmd.Env = moduleEnv(spec.Env, logLevel)
	cfg := &goplugin.ClientConfig{
		HandshakeConfig:  pluginhost.Handshake,
		VersionedPlugins: pluginhost.PluginSets(nil),
		Cmd:              cmd,
		SkipHostEnv:      true,
		AutoMTLS:         true,
		AllowedProtocols: []goplugin.Protocol{goplugin.ProtocolGRPC},
		Managed:          true,
		StartTimeout:     timeout,
		Logger:           logger.Named(spec.Name),
		SyncStdout:       lineLogger{logger.Named(spec.Name), "stdout"},
		SyncStderr:       lineLogger{logger.Named(spec.Name), "stderr"},
		UnixSocketConfig: &goplugin.UnixSocketConfig{TempDir: socketDir},
		GRPCDialOptions:  pluginhost.GRPCDialOptions(),
	}
	if spec.SHA256 != "" {
		sum, err := hex.DecodeString(spec.SHA256)
		if err != nil {
			return nil, fmt.Errorf("module %s: sha256 pin: %w", spec.Name, err)
		}
		cfg.SecureConfig = &goplugin.SecureConfig{Checksum: sum, Hash: sha256.New()}
	}
	client := goplugin.NewClient(cfg)
	rpcClient, err := client.Client()
	if err != nil {
		client.Kill()
		return nil, fmt.Errorf("module %s: start %s: %w", spec.Name, spec.Path, err)
	}
	raw, err := rpcClient.Dispense(pluginhost.PluginName)
	if err != nil {
		client.Kill()
		return nil, fmt.Errorf("module %s: dispense: %w", spec.Name, err)
	}
	mc, ok := raw.(*pluginhost.Client)
	if !ok {
		client.Kill()
		return nil, fmt.Errorf("module %s: unexpected plugin type %T", spec.Name, raw)
	}
	dctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	desc, err := mc.Describe(dctx)
	if err != nil {
		client.Kill()
		return nil, fmt.Errorf("module %s: %w", spec.Name, err)
	}
	return &process{client: client, rpc: mc, desc: desc}, nil
}

func moduleEnv(extra []string, logLevel string) []string {
	var env []string
	for _, k := range envAllowlist {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	env = append(env, sdkplugin.LogLevelEnv+"="+logLevel)
	if !hasVar(extra, "GOMAXPROCS") {
		env = append(env, "GOMAXPROCS="+strconv.Itoa(moduleMaxProcs(defaultHostProcs)))
	}
	if !hasVar(extra, "GODEBUG") {
		// Keeps the module's sysmon out of its deep sleep, as the host's
		// (schedtune.KeepSysmonAwake), after the host's own GODEBUG.
		env = append(env, "GODEBUG="+schedtune.SysmonGODEBUG(os.Getenv("GODEBUG")))
	}
	if !hasVar(extra, "GOGC") && !hasVar(env, "GOGC") {
		env = append(env, "GOGC="+strconv.Itoa(DefaultGCPercent))
	}
	return append(env, extra...)
}

// DefaultGCPercent is the GOGC of the host and its modules when GOGC is not
// set: their live heaps are small (tens of MB) and their allocation rate
// high, so Go's default of 100 collects very often; 200 halves the
// collections for at most twice the heap headroom.
const DefaultGCPercent = 200

// hasVar reports whether env sets name.
func hasVar(env []string, name string) bool {
	return slices.ContainsFunc(env, func(kv string) bool { return strings.HasPrefix(kv, name+"=") })
}

// defaultHostProcs is the host's GOMAXPROCS at start, before
// schedtune.Scaler narrows it while requests do not overlap: a module
// restarted meanwhile is sized as at start.
var defaultHostProcs = runtime.GOMAXPROCS(0)

// moduleMaxProcs is a module's default GOMAXPROCS: half the host's
// (which follows the CPU count and cgroup limits), at least one. A module
// sized for every CPU competes with the host and the other modules for the
// same cores, and its idle schedulers wake one another on every request:
// on a 2-core machine a module at GOMAXPROCS=1 cut the unloaded hop by
// about 100 µs and raised the example route's throughput under 32 clients
// by 40 %. A module's env setting GOMAXPROCS overrides it.
func moduleMaxProcs(hostProcs int) int {
	return max(1, hostProcs/2)
}

// stop asks the module to clean up, then kills it within a bound.
func (p *process) stop(ctx context.Context) {
	sctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	_ = p.rpc.Stop(sctx)
	cancel()
	p.kill()
}

// release frees what the host holds for a process that has exited (or
// was killed): the host services server and Exchange stream, and the
// go-plugin client, whose gRPC connection would otherwise keep redialing
// the dead module's socket. Without it every crash leaked them.
func (p *process) release() {
	p.rpc.Close()
	p.kill()
}

// kill ends the process, if still running, and go-plugin's client,
// waiting a bounded time.
func (p *process) kill() {
	done := make(chan struct{})
	go func() { p.client.Kill(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
}

// lineLogger logs stray module stdout/stderr lines at Warn, so prints that
// bypass the module's hclog logger still show up.
type lineLogger struct {
	log    hclog.Logger
	stream string
}

func (l lineLogger) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		switch {
		case line == "":
		case strings.HasPrefix(line, "SCHED "):
			// The runtime's scheduler trace, which the host's GODEBUG
			// (schedtune.SysmonGODEBUG) makes it print at most once per
			// 24.8 days of machine uptime: not the module's output.
			l.log.Debug("module scheduler trace", "line", line)
		default:
			l.log.Warn("module output", "stream", l.stream, "line", line)
		}
	}
	return len(p), nil
}
