package daemons

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/daemons/activeresponse"
	"github.com/wazuh-go/server/host/daemons/analysisd"
	"github.com/wazuh-go/server/host/daemons/authd"
)

// WDB is the wazuh-db command interface the embedded authd writes agents
// through (see authd.WDB); the host wires its wazuh-db client here.
type WDB = authd.WDB

// AuthSocketPath is authd's local socket, relative to the Wazuh root.
const AuthSocketPath = "queue/sockets/auth"

// Directories created under the root (when missing) with Wazuh's modes.
var dirModes = []struct {
	path string
	mode fs.FileMode
}{
	{"etc", 0o770},
	{"etc/shared", 0o770},
	{"logs", 0o770},
	{"logs/archives", 0o750},
	{"queue", 0o750},
	{"queue/sockets", 0o750},
	{"queue/alerts", 0o770},
	{"queue/db", 0o770},
}

// Config configures the embedded daemons. Zero values take the defaults.
type Config struct {
	// Root is the Wazuh data root (e.g. ./var/wazuh).
	Root string
	// WDB receives authd's wazuh-db commands; nil skips them.
	WDB WDB
	// Logger defaults to a null logger; each daemon gets a named sub-logger.
	Logger hclog.Logger
	// ManagerName is the manager hostname; empty means os.Hostname().
	ManagerName string
	// MaxAgents limits registered agents; 0 means 100000 (Wazuh's default
	// MAX_AGENTS), negative means unlimited.
	MaxAgents int
	// PurgeRemoved drops removed agents from client.keys instead of keeping
	// "!name" lines.
	PurgeRemoved bool
	// ArchiveMaxBytes and ARLogMaxBytes bound the logs before rotation.
	ArchiveMaxBytes, ARLogMaxBytes int64
	// OnExecq is called for each execq message (e.g. manager restart).
	OnExecq func(msg []byte)
}

// Daemons is the set of running embedded daemons.
type Daemons struct {
	// Authd is the authd agent service (usable in-process too).
	Authd    *authd.Service
	auth     *authd.Server
	queue    *analysisd.Queue
	ar       *activeresponse.Sink
	done     chan struct{}
	once     sync.Once
	closeErr error
}

// Start starts every embedded daemon under root and returns a function that
// stops them (also done when ctx ends). Errors in stop are logged.
func Start(ctx context.Context, root string, wdb WDB, logger hclog.Logger) (stop func(), err error) {
	d, err := StartConfig(ctx, Config{Root: root, WDB: wdb, Logger: logger})
	if err != nil {
		return nil, err
	}
	return func() {
		if err := d.Close(); err != nil && logger != nil {
			logger.Error("stopping embedded daemons", "error", err)
		}
	}, nil
}

// StartConfig is Start with every option. On error nothing is left running.
func StartConfig(ctx context.Context, cfg Config) (*Daemons, error) {
	if cfg.Root == "" {
		return nil, errors.New("daemons: empty root")
	}
	log := cfg.Logger
	if log == nil {
		log = hclog.NewNullLogger()
	}
	for _, d := range dirModes {
		if err := os.MkdirAll(filepath.Join(cfg.Root, d.path), d.mode); err != nil {
			return nil, fmt.Errorf("daemons: create %s: %w", d.path, err)
		}
	}
	maxAgents := cfg.MaxAgents
	switch {
	case maxAgents == 0:
		maxAgents = 100000
	case maxAgents < 0:
		maxAgents = 0
	}
	d := &Daemons{done: make(chan struct{}), Authd: authd.NewService(authd.Config{
		Root: cfg.Root, WDB: cfg.WDB, Logger: log.Named("wazuh-authd"),
		ManagerName: cfg.ManagerName, MaxAgents: maxAgents, PurgeAlways: cfg.PurgeRemoved,
	})}
	var err error
	if d.auth, err = authd.Listen(filepath.Join(cfg.Root, AuthSocketPath), 0o750, d.Authd, log.Named("wazuh-authd")); err != nil {
		return nil, fmt.Errorf("daemons: %w", err)
	}
	if d.queue, err = analysisd.Start(analysisd.Config{Root: cfg.Root, Logger: log.Named("wazuh-analysisd"),
		ManagerName: cfg.ManagerName, ArchiveMaxBytes: cfg.ArchiveMaxBytes}); err != nil {
		_ = d.Close()
		return nil, fmt.Errorf("daemons: %w", err)
	}
	if d.ar, err = activeresponse.Start(activeresponse.Config{Root: cfg.Root, Logger: log.Named("active-response"),
		LogMaxBytes: cfg.ARLogMaxBytes, OnExecq: cfg.OnExecq}); err != nil {
		_ = d.Close()
		return nil, fmt.Errorf("daemons: %w", err)
	}
	go func() {
		select {
		case <-ctx.Done():
			_ = d.Close()
		case <-d.done:
		}
	}()
	log.Info("embedded daemons started", "root", cfg.Root)
	return d, nil
}

// Close stops every daemon and removes their sockets. Safe to call twice.
func (d *Daemons) Close() error {
	d.once.Do(func() {
		var errs []error
		if d.ar != nil {
			errs = append(errs, d.ar.Close())
		}
		if d.queue != nil {
			errs = append(errs, d.queue.Close())
		}
		if d.auth != nil {
			errs = append(errs, d.auth.Close())
		}
		d.closeErr = errors.Join(errs...)
		close(d.done)
	})
	return d.closeErr
}
