package analysisd

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/daemons/internal/applog"
	"github.com/wazuh-go/server/host/daemons/internal/dgram"
)

// Paths relative to the Wazuh root.
const (
	// SocketPath is analysisd's input queue (QUEUE_SOCKET).
	SocketPath = "queue/sockets/queue"
	// ArchivePath is the log every received event is appended to.
	ArchivePath = "logs/archives/archives.log"
)

// Config configures the embedded queue.
type Config struct {
	// Root is the Wazuh root.
	Root string
	// Logger defaults to a null logger.
	Logger hclog.Logger
	// ManagerName is the host written before local locations; empty means
	// os.Hostname().
	ManagerName string
	// ArchiveMaxBytes rotates archives.log to archives.log.1 past this size;
	// 0 means applog.DefaultMaxBytes.
	ArchiveMaxBytes int64
	// DirMode is the mode of created directories; 0 means 0750.
	DirMode fs.FileMode
	// Now defaults to time.Now.
	Now func() time.Time
}

// Stats counts queue activity.
type Stats struct {
	// Archived is the number of messages written to archives.log.
	Archived uint64
	// Invalid is the number of malformed datagrams dropped.
	Invalid uint64
	// Skipped is the number of valid messages not archived (keepalives,
	// write failures).
	Skipped uint64
	// Socket holds the receiver's counters (truncated, empty).
	Socket dgram.Stats
}

// Queue is the running embedded analysisd queue.
type Queue struct {
	cfg     Config
	log     hclog.Logger
	archive *applog.Log
	ln      *dgram.Listener

	archived, invalid, skipped atomic.Uint64
}

// Start binds <root>/queue/sockets/queue and archives what it receives.
func Start(cfg Config) (*Queue, error) {
	if cfg.Logger == nil {
		cfg.Logger = hclog.NewNullLogger()
	}
	if cfg.ManagerName == "" {
		cfg.ManagerName, _ = os.Hostname()
	}
	if cfg.DirMode == 0 {
		cfg.DirMode = 0o750
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	archive, err := applog.Open(filepath.Join(cfg.Root, ArchivePath), cfg.ArchiveMaxBytes, cfg.DirMode)
	if err != nil {
		return nil, fmt.Errorf("analysisd: %w", err)
	}
	q := &Queue{cfg: cfg, log: cfg.Logger, archive: archive}
	ln, err := dgram.Listen(filepath.Join(cfg.Root, SocketPath), cfg.DirMode, q.handle)
	if err != nil {
		_ = archive.Close()
		return nil, fmt.Errorf("analysisd: %w", err)
	}
	q.ln = ln
	return q, nil
}

func (q *Queue) handle(b []byte) {
	m, err := ParseMessage(b)
	if err != nil {
		q.invalid.Add(1)
		q.log.Debug("dropping malformed queue message", "error", err, "bytes", len(b))
		return
	}
	line, ok := ArchiveLine(q.cfg.Now(), q.cfg.ManagerName, m)
	if !ok {
		q.skipped.Add(1)
		return
	}
	if err := q.archive.Append(line); err != nil {
		q.skipped.Add(1)
		q.log.Error("cannot archive event", "error", err)
		return
	}
	q.archived.Add(1)
}

// ArchiveFile returns the path of archives.log.
func (q *Queue) ArchiveFile() string { return q.archive.Path() }

// SocketFile returns the path of the queue socket.
func (q *Queue) SocketFile() string { return q.ln.Path() }

// Stats returns the counters so far.
func (q *Queue) Stats() Stats {
	return Stats{Archived: q.archived.Load(), Invalid: q.invalid.Load(),
		Skipped: q.skipped.Load(), Socket: q.ln.Stats()}
}

// Close stops the queue, removes its socket and closes the archive.
func (q *Queue) Close() error {
	err := q.ln.Close()
	if cerr := q.archive.Close(); cerr != nil && err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("analysisd: %w", err)
	}
	return nil
}
