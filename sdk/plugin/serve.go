package plugin

import (
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pluginhost"
)

// LogLevelEnv names the environment variable the host sets to pass its log
// level to modules.
const LogLevelEnv = "WAZUH_MODULE_LOG_LEVEL"

// Serve runs m as a module process and never returns. Call it first in main:
// nothing may be printed to stdout before it, since stdout carries
// go-plugin's handshake.
//
// Serve creates the module's hclog JSON logger before serving (so its lines
// reach the host's log at the right level), starts a watchdog that exits when
// the parent host dies (a SIGKILLed host would otherwise leave the module
// running as an orphan), serves gRPC with explicit message limits and
// recovers handler panics. Run with the single argument "describe", it prints
// the descriptor as JSON and exits, so route tables can be diffed in CI.
func Serve(m sdk.Module) {
	if len(os.Args) == 2 && os.Args[1] == "describe" {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(m.Describe()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	logger := hclog.New(&hclog.LoggerOptions{
		Name:       m.Describe().Name,
		JSONFormat: true,
		Output:     os.Stderr,
		Level:      hclog.LevelFromString(os.Getenv(LogLevelEnv)),
	})
	pluginhost.Logger = logger
	// The host stops its modules itself (Stop, then a kill) once it has
	// drained its requests. A SIGTERM sent to the whole process group, as
	// systemd and `timeout` do, must not end a module under requests the
	// host is still draining; go-plugin already ignores SIGINT for the
	// same reason. The parent watchdog ends a module whose host is gone.
	signal.Ignore(syscall.SIGTERM)
	go watchParent(os.Getppid(), time.Second, logger)
	startPprof(logger)
	goplugin.Serve(&goplugin.ServeConfig{
		HandshakeConfig:  pluginhost.Handshake,
		VersionedPlugins: pluginhost.PluginSets(m),
		Logger:           logger,
		GRPCServer: func(opts []grpc.ServerOption) *grpc.Server {
			return grpc.NewServer(append(opts, pluginhost.GRPCServerOptions()...)...)
		},
	})
	os.Exit(0)
}

// watchParent exits the process when its parent changes (the host died and
// the module was re-parented). Pdeathsig is not used: it is tied to the
// forking thread, not the process (golang/go#27505).
func watchParent(ppid int, every time.Duration, logger hclog.Logger) {
	for range time.Tick(every) {
		if os.Getppid() != ppid {
			logger.Warn("host process is gone; exiting", "old_ppid", ppid)
			os.Exit(1)
		}
	}
}
