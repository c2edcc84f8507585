// Command wazuh-apid is the wazuh-go server host: the Wazuh 4.14 Server API
// on HTTPS port 55000, with resource modules running as plugin processes.
//
//	wazuh-apid serve [--root DIR] [--config FILE] [--port N] [--mode embedded|attached]
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/hashicorp/go-hclog"
	"github.com/spf13/pflag"

	"github.com/wazuh-go/server/host/app"
	"github.com/wazuh-go/server/host/config"
	"github.com/wazuh-go/server/host/module"
	"github.com/wazuh-go/server/host/privdrop"
	"github.com/wazuh-go/server/host/schedtune"
	"github.com/wazuh-go/server/host/wazuhlog"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "serve" {
		// Re-executes with sysmon kept awake (host/schedtune); on failure
		// the server runs untuned.
		if err := schedtune.KeepSysmonAwake(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "serve" {
		fmt.Fprintln(stderr, "usage: wazuh-apid serve [--root DIR] [--config FILE] [--port N] [--mode embedded|attached]")
		return 2
	}
	startPprof(stderr)
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(module.DefaultGCPercent)
	}
	flags := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	flags.SetOutput(stderr)
	configFile := flags.String("config", "", "configuration file (api.yaml keys plus root, mode, modules)")
	flags.String("root", "", "Wazuh root directory (created in embedded mode)")
	flags.Int("port", 0, "listening port")
	flags.String("mode", "", "embedded (own daemons in root) or attached (existing Wazuh manager in root)")
	if err := flags.Parse(args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0 // pflag printed the usage
		}
		fmt.Fprintf(stderr, "wazuh-apid serve: %v\n%s", err, flags.FlagUsages())
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "wazuh-apid serve: unexpected argument(s) %q\n", flags.Args())
		return 2
	}
	cfg, err := config.Load(config.Sources{File: *configFile, Flags: flags})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	// Attached to a Wazuh manager, leave root for the wazuh account before
	// touching its files, as wazuh-apid does (drop_privileges). The
	// embedded root belongs to whoever created it, so there nothing changes.
	var dropErr error
	dropped := false
	if cfg.Mode == "attached" {
		dropped, dropErr = privdrop.Drop(cfg.DropPrivileges)
	}
	// Log lines are written in batches (at most logsink.DefaultInterval
	// late); every return path below flushes them.
	outs, closeLogs, err := logOutputs(cfg, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer closeLogs()
	log := wazuhlog.NewTee("wazuh-apid", hclog.LevelFromString(app.LogLevel(cfg.Logs.Level)), outs...)
	for _, w := range cfg.Warnings() {
		log.Warn(w)
	}
	switch {
	case dropErr != nil:
		log.Warn("drop_privileges: still running as root", "error", dropErr)
	case dropped:
		log.Info("dropped privileges", "user", privdrop.Account, "group", privdrop.Account)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a, err := app.New(ctx, cfg, log)
	if err != nil {
		log.Error("start failed", "error", err)
		return 1
	}
	if err := a.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
		log.Error("server stopped", "error", err)
		return 1
	}
	log.Info("stopped")
	return 0
}
