package authd

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
)

// Config configures a Service.
type Config struct {
	// Root is the Wazuh root (etc/client.keys, etc/shared, queue/...).
	Root string
	// WDB receives the wazuh-db commands; nil skips them (tests, tools).
	WDB WDB
	// Logger defaults to a null logger.
	Logger hclog.Logger
	// ManagerName is the manager hostname, which no agent may use; empty
	// means os.Hostname().
	ManagerName string
	// DefaultForce applies when a request has no "force"; the zero value
	// means DefaultForce().
	DefaultForce *Force
	// MaxAgents limits active agents (9013); 0 means unlimited.
	MaxAgents int
	// PurgeAlways drops client.keys lines of removed agents even when the
	// request does not ask to purge (<auth><purge>yes</purge>).
	PurgeAlways bool
	// SyncStatus is the sync_status of "set-agent-groups"; empty means
	// "synced" (master / single node).
	SyncStatus string
	// Now defaults to time.Now.
	Now func() time.Time
}

// Service implements the authd functions over client.keys and wazuh-db. All
// operations are serialized by one mutex.
type Service struct {
	cfg Config
	log hclog.Logger

	mu      sync.Mutex
	counter int // highest id handed out by this process
}

// NewService returns a Service for cfg.
func NewService(cfg Config) *Service {
	if cfg.Logger == nil {
		cfg.Logger = hclog.NewNullLogger()
	}
	if cfg.ManagerName == "" {
		cfg.ManagerName, _ = os.Hostname()
	}
	if cfg.DefaultForce == nil {
		f := DefaultForce()
		cfg.DefaultForce = &f
	}
	if cfg.SyncStatus == "" {
		cfg.SyncStatus = "synced"
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Service{cfg: cfg, log: cfg.Logger}
}

// KeysPath returns the path of client.keys.
func (s *Service) KeysPath() string { return filepath.Join(s.cfg.Root, "etc", "client.keys") }

func (s *Service) sharedDir() string { return filepath.Join(s.cfg.Root, "etc", "shared") }

// Dispatch parses one request frame, runs it and returns the reply frame,
// exactly what the socket server sends back.
func (s *Service) Dispatch(ctx context.Context, input []byte) []byte {
	req, perr := ParseRequest(input, *s.cfg.DefaultForce)
	if perr != nil {
		s.log.Debug("local request error", "code", perr.Code, "error", perr.Message)
		return errorReply(perr)
	}
	switch req.Function {
	case FunctionAdd:
		data, perr := s.Add(ctx, *req.Add)
		if perr != nil {
			return errorReply(perr)
		}
		return dataReply(data)
	case FunctionRemove:
		if perr := s.Remove(ctx, *req.Remove); perr != nil {
			return errorReply(perr)
		}
		return dataReply(RemoveOK)
	default:
		data, perr := s.Get(req.Get.ID)
		if perr != nil {
			return errorReply(perr)
		}
		return dataReply(data)
	}
}

// load reads client.keys; called with s.mu held.
func (s *Service) load() (*KeyFile, *ProtocolError) {
	kf, err := ReadKeyFile(s.KeysPath())
	if err != nil {
		s.log.Error("cannot read client.keys", "error", err)
		return nil, newError(CodeInternal)
	}
	return kf, nil
}

// store rewrites client.keys atomically; called with s.mu held.
func (s *Service) store(kf *KeyFile) *ProtocolError {
	if err := os.MkdirAll(filepath.Dir(s.KeysPath()), 0o770); err != nil {
		s.log.Error("cannot create etc directory", "error", err)
		return newError(CodeInternal)
	}
	if err := WriteFileAtomic(s.KeysPath(), kf.Marshal(), KeysFileMode); err != nil {
		s.log.Error("cannot write client.keys", "error", err)
		return newError(CodeInternal)
	}
	return nil
}

// Get returns the active agent with id (authd's local_get).
func (s *Service) Get(id string) (AgentData, *ProtocolError) {
	n, ok := ParseAgentID(id)
	if !ok {
		return AgentData{}, newError(CodeAgentNotFound)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	kf, perr := s.load()
	if perr != nil {
		return AgentData{}, perr
	}
	i := kf.ActiveByID(n)
	if i < 0 {
		return AgentData{}, newError(CodeAgentNotFound)
	}
	e := kf.Entries[i]
	return AgentData{ID: e.ID, Name: e.Name, IP: e.IP, Key: e.Key}, nil
}

// Remove deletes the agent with args.ID: its client.keys line becomes
// "ID !NAME IP KEY" (or disappears when purging), then wazuh-db forgets it
// and its per-agent files are deleted.
func (s *Service) Remove(ctx context.Context, args RemoveArgs) *ProtocolError {
	n, ok := ParseAgentID(args.ID)
	if !ok || n == 0 {
		return newError(CodeAgentNotFound)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	kf, perr := s.load()
	if perr != nil {
		return perr
	}
	i := kf.ActiveByID(n)
	if i < 0 {
		s.log.Warn("no such agent", "id", args.ID)
		return newError(CodeAgentNotFound)
	}
	old := kf.Entries[i]
	next := kf.Clone()
	next.RemoveAt(i, args.Purge || s.cfg.PurgeAlways)
	if perr := s.store(next); perr != nil {
		return perr
	}
	s.noteIDs(kf)
	s.log.Info("agent deleted (by local request)", "id", old.ID, "name", old.Name)
	s.forget(ctx, old)
	return nil
}

// noteIDs raises the id counter to the highest id in kf, so that ids are
// never reused within a process even after purged removals.
func (s *Service) noteIDs(kf *KeyFile) {
	if m := kf.MaxID(); m > s.counter {
		s.counter = m
	}
}
