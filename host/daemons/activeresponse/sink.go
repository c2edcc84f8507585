package activeresponse

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/daemons/internal/applog"
	"github.com/wazuh-go/server/host/daemons/internal/dgram"
)

// Paths relative to the Wazuh root.
const (
	// ARSocketPath is remoted's ar-forward queue (AR_SOCKET).
	ARSocketPath = "queue/alerts/ar"
	// ExecqSocketPath is execd's queue (EXECQ_SOCKET).
	ExecqSocketPath = "queue/alerts/execq"
	// LogPath is where received messages are recorded.
	LogPath = "logs/active-responses.log"
)

// LogTimeLayout is the timestamp of active-responses.log lines.
const LogTimeLayout = "2006/01/02 15:04:05"

// Config configures the sink.
type Config struct {
	// Root is the Wazuh root.
	Root string
	// Logger defaults to a null logger.
	Logger hclog.Logger
	// LogMaxBytes rotates the log past this size; 0 = applog.DefaultMaxBytes.
	LogMaxBytes int64
	// DirMode is the mode of created directories; 0 means 0750.
	DirMode fs.FileMode
	// Now defaults to time.Now.
	Now func() time.Time
	// OnExecq, when set, is called with a copy of each execq message after
	// it is recorded (e.g. to honour "restart-wazuh"). It runs on the
	// receiving goroutine and must return quickly.
	OnExecq func(msg []byte)
}

// Stats counts received datagrams.
type Stats struct {
	// AR and Execq are the messages recorded from each queue.
	AR, Execq uint64
	// Malformed counts ar messages not in "(msg_to_agent) [] ..." form
	// (recorded anyway).
	Malformed uint64
	// Failed counts messages that could not be written to the log.
	Failed uint64
}

// Sink is the running pair of embedded ar and execq queues.
type Sink struct {
	cfg       Config
	log       hclog.Logger
	out       *applog.Log
	ar, execq *dgram.Listener

	nAR, nExecq, malformed, failed atomic.Uint64
}

// Start binds <root>/queue/alerts/ar and <root>/queue/alerts/execq and
// records what they receive in <root>/logs/active-responses.log.
func Start(cfg Config) (*Sink, error) {
	if cfg.Logger == nil {
		cfg.Logger = hclog.NewNullLogger()
	}
	if cfg.DirMode == 0 {
		cfg.DirMode = 0o750
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	out, err := applog.Open(filepath.Join(cfg.Root, LogPath), cfg.LogMaxBytes, cfg.DirMode)
	if err != nil {
		return nil, fmt.Errorf("activeresponse: %w", err)
	}
	s := &Sink{cfg: cfg, log: cfg.Logger, out: out}
	if s.ar, err = dgram.Listen(filepath.Join(cfg.Root, ARSocketPath), cfg.DirMode, s.handleAR); err != nil {
		_ = out.Close()
		return nil, fmt.Errorf("activeresponse: %w", err)
	}
	if s.execq, err = dgram.Listen(filepath.Join(cfg.Root, ExecqSocketPath), cfg.DirMode, s.handleExecq); err != nil {
		_ = s.ar.Close()
		_ = out.Close()
		return nil, fmt.Errorf("activeresponse: %w", err)
	}
	return s, nil
}

func (s *Sink) record(source string, msg []byte) bool {
	line := make([]byte, 0, len(LogTimeLayout)+len(source)+len(msg)+3)
	line = s.cfg.Now().AppendFormat(line, LogTimeLayout)
	line = append(line, ' ')
	line = append(line, source...)
	line = append(line, ": "...)
	line = append(line, msg...)
	if err := s.out.Append(line); err != nil {
		s.failed.Add(1)
		s.log.Error("cannot record active-response message", "queue", source, "error", err)
		return false
	}
	return true
}

func (s *Sink) handleAR(msg []byte) {
	if _, err := ParseAgentMessage(string(msg)); err != nil {
		s.malformed.Add(1)
		s.log.Debug("malformed ar message", "error", err)
	}
	if s.record("ar", msg) {
		s.nAR.Add(1)
	}
}

func (s *Sink) handleExecq(msg []byte) {
	if s.record("execq", msg) {
		s.nExecq.Add(1)
	}
	if s.cfg.OnExecq != nil {
		s.cfg.OnExecq(append([]byte(nil), msg...))
	}
}

// LogFile returns the path of active-responses.log.
func (s *Sink) LogFile() string { return s.out.Path() }

// Stats returns the counters so far.
func (s *Sink) Stats() Stats {
	return Stats{AR: s.nAR.Load(), Execq: s.nExecq.Load(), Malformed: s.malformed.Load(), Failed: s.failed.Load()}
}

// Close stops both queues, removes their sockets and closes the log.
func (s *Sink) Close() error {
	err := s.ar.Close()
	if e := s.execq.Close(); e != nil && err == nil {
		err = e
	}
	if e := s.out.Close(); e != nil && err == nil {
		err = e
	}
	if err != nil {
		return fmt.Errorf("activeresponse: %w", err)
	}
	return nil
}
