package wazuhdb

import (
	"log/slog"
	"time"
)

// Option configures an embedded server.
type Option func(*options)

type options struct {
	logger       *slog.Logger
	socketPath   string
	sqlWrites    bool
	maxConns     int
	idleTimeout  time.Duration
	ioTimeout    time.Duration
	openAgentDBs int
	cursorWindow int64
	cursorIdle   time.Duration
	manager      *Manager
}

func defaultOptions() options {
	return options{
		logger:       slog.New(slog.DiscardHandler),
		sqlWrites:    true,
		maxConns:     256,
		ioTimeout:    30 * time.Second,
		openAgentDBs: 64,
		cursorWindow: 10000,
		cursorIdle:   2 * time.Second,
	}
}

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option {
	return func(o *options) {
		if l != nil {
			o.logger = l
		}
	}
}

// WithSocketPath listens on path instead of <root>/queue/db/wdb.
func WithSocketPath(path string) Option { return func(o *options) { o.socketPath = path } }

// WithReadOnlySQL makes "sql" commands accept only SELECT statements.
// By default INSERT, UPDATE and DELETE are accepted too, as wazuh-db does
// (the framework deletes FIM entries and test setups update agents that
// way); DDL, PRAGMA, ATTACH and transaction control are always refused.
func WithReadOnlySQL() Option { return func(o *options) { o.sqlWrites = false } }

// WithMaxConnections caps concurrent client connections (default 256);
// connections beyond the cap are closed at once.
func WithMaxConnections(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.maxConns = n
		}
	}
}

// WithIdleTimeout closes connections that send nothing for d (default:
// never, like wazuh-db; the framework keeps connections open).
func WithIdleTimeout(d time.Duration) Option { return func(o *options) { o.idleTimeout = d } }

// WithIOTimeout bounds reading the rest of a frame once its header arrived
// and writing a reply (default 30s), so a stalled peer cannot pin a worker.
func WithIOTimeout(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.ioTimeout = d
		}
	}
}

// WithOpenAgentDBs caps how many per-agent databases stay open (default 64);
// the least recently used idle one is closed beyond that.
func WithOpenAgentDBs(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.openAgentDBs = n
		}
	}
}

// WithManager fills the manager row (agent 000) at start, as
// wazuh-modulesd does on a real manager.
func WithManager(m Manager) Option { return func(o *options) { o.manager = &m } }

// Manager describes the local manager for agent 000.
type Manager struct {
	// Name is the manager host name.
	Name string
	// Version is the Wazuh version string, e.g. "Wazuh v4.14.7".
	Version string
	// NodeName is the cluster node name.
	NodeName string
	// ManagerHost is the manager_host column (the host name, as on a
	// real manager).
	ManagerHost string
	// OSName etc. are the os_* columns.
	OSName, OSVersion, OSMajor, OSMinor, OSCodename, OSBuild, OSPlatform, OSUname, OSArch string
}
