package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/wazuh-go/server/host/config"
	"github.com/wazuh-go/server/host/layout"
	"github.com/wazuh-go/server/host/logfile"
	"github.com/wazuh-go/server/host/logsink"
	"github.com/wazuh-go/server/host/wazuhlog"
)

// logOutputs returns where the log goes: stderr (plain lines unless the
// format is only json), and Wazuh's files under <root>/logs: api.log for
// the plain format and api.json for the json one, rotated as
// logs.max_size says. The files are skipped with logs.level disabled, and
// in attached mode when the root has no logs directory (the start then
// fails on the root itself). Close flushes and closes everything.
func logOutputs(cfg *config.Config, stderr io.Writer) ([]wazuhlog.Output, func(), error) {
	out := logsink.NewBuffered(stderr, 0)
	outs := []wazuhlog.Output{{W: out, JSON: cfg.Logs.Format == "json"}}
	closers := []func(){func() { out.Close() }}
	closeAll := func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	if cfg.Logs.Level == "disabled" {
		return outs, closeAll, nil
	}
	dir := layout.Root(cfg.Root).Path(layout.LogsDir)
	if cfg.Mode == "attached" {
		if _, err := os.Stat(dir); err != nil {
			return outs, closeAll, nil
		}
	} else if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, nil, fmt.Errorf("logs: %w", err)
	}
	var opts logfile.Options
	if cfg.Logs.MaxSize.Enabled {
		n, err := cfg.Logs.MaxSize.Bytes()
		if err != nil {
			return nil, nil, fmt.Errorf("logs: %w", err)
		}
		opts.MaxBytes = n
	}
	for _, format := range strings.Split(cfg.Logs.Format, ",") {
		name := "api.log"
		if format == "json" {
			name = "api.json"
		}
		f, err := logfile.Open(filepath.Join(dir, name), opts)
		if err != nil {
			closeAll()
			return nil, nil, fmt.Errorf("logs: %w", err)
		}
		buffered := logsink.NewBuffered(f, 0)
		outs = append(outs, wazuhlog.Output{W: buffered, JSON: format == "json"})
		closers = append(closers, func() { buffered.Close(); f.Close() })
	}
	return outs, closeAll, nil
}
