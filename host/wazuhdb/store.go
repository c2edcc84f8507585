package wazuhdb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Layout of a Wazuh root, relative paths.
const (
	globalDBPath = "queue/db/global.db"
	agentDBDir   = "queue/db"
	tasksDBPath  = "queue/tasks/tasks.db"
	mitreDBPath  = "var/db/mitre.db"
	socketPath   = "queue/db/wdb"
	backupDBDir  = "backup/db"
)

const agentConns = 2

// store owns the databases of one root.
type store struct {
	root                 string
	global, tasks, mitre *database
	maxAgents            int

	mu     sync.Mutex
	agents map[int64]*agentEntry
}

type agentEntry struct {
	db      *database
	refs    int
	lastUse time.Time
}

// openStore creates the directory layout and opens (creating or upgrading)
// global.db, tasks.db and mitre.db.
func openStore(ctx context.Context, root string, maxAgents int) (*store, error) {
	for _, dir := range []string{"queue/db", "queue/tasks", "var/db", "backup/db"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o750); err != nil {
			return nil, fmt.Errorf("wazuhdb: create %s: %w", dir, err)
		}
	}
	s := &store{root: root, maxAgents: maxAgents, agents: map[int64]*agentEntry{}}
	gdb, err := openGlobal(ctx, filepath.Join(root, globalDBPath), filepath.Join(root, backupDBDir))
	if err != nil {
		return nil, err
	}
	s.global = newDatabase("global", filepath.Join(root, globalDBPath), gdb, globalConns-2)
	s.global.agg = &aggCache{}
	if s.tasks, err = openSimple(ctx, "tasks", filepath.Join(root, tasksDBPath), "TASKS", tasksCreate()); err != nil {
		s.close()
		return nil, err
	}
	if s.mitre, err = openSimple(ctx, "mitre", filepath.Join(root, mitreDBPath), "technique", mitreCreate()); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// openSimple opens a database whose schema is created when the marker table
// is missing; existing databases are used as they are.
func openSimple(ctx context.Context, name, path, marker string, ddl []string) (*database, error) {
	db, err := openSQLite(ctx, path, agentConns+1)
	if err != nil {
		return nil, err
	}
	ok, err := tableExists(ctx, db, marker)
	if err == nil && !ok {
		err = execAll(ctx, db, ddl)
	}
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("wazuhdb: %s: %w", path, err)
	}
	return newDatabase(name, path, db, agentConns+1), nil
}

// agentDBPath returns queue/db/NNN.db for id.
func (s *store) agentDBPath(id int64) string {
	return filepath.Join(s.root, agentDBDir, fmt.Sprintf("%03d.db", id))
}

// acquireAgent opens (creating on first use, as wazuh-db does) the database
// of agent id. Call releaseAgent when done.
func (s *store) acquireAgent(ctx context.Context, id int64) (*database, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.agents[id]; ok {
		e.refs++
		e.lastUse = time.Now()
		return e.db, nil
	}
	s.evictLocked()
	d, err := openSimple(ctx, fmt.Sprintf("%03d", id), s.agentDBPath(id), "fim_entry", agentCreate())
	if err != nil {
		return nil, err
	}
	d.holdFn = func() { s.retainAgent(id) }
	d.unholdFn = func() { s.releaseAgent(id) }
	s.agents[id] = &agentEntry{db: d, refs: 1, lastUse: time.Now()}
	return d, nil
}

// retainAgent adds a reference to an open agent database.
func (s *store) retainAgent(id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.agents[id]; ok {
		e.refs++
	}
}

// releaseAgent drops a reference taken by acquireAgent or retainAgent.
func (s *store) releaseAgent(id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.agents[id]; ok && e.refs > 0 {
		e.refs--
	}
}

// evictLocked closes idle agent databases beyond the limit, oldest first.
func (s *store) evictLocked() {
	for len(s.agents) >= s.maxAgents {
		var victim int64 = -1
		var oldest time.Time
		for id, e := range s.agents {
			if e.refs == 0 && (victim < 0 || e.lastUse.Before(oldest)) {
				victim, oldest = id, e.lastUse
			}
		}
		if victim < 0 {
			return // all in use; go over the limit rather than block
		}
		_ = s.agents[victim].db.close()
		delete(s.agents, victim)
	}
}

// errAgentDBBusy is returned by removeAgentDB while the database is in use.
var errAgentDBBusy = errors.New("database in use")

// removeAgentDB closes and deletes queue/db/NNN.db (and its WAL files).
// It returns os.ErrNotExist when there is no such file.
func (s *store) removeAgentDB(id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.agents[id]; ok {
		if e.refs > 0 {
			return errAgentDBBusy
		}
		_ = e.db.close()
		delete(s.agents, id)
	}
	path := s.agentDBPath(id)
	if _, err := os.Stat(path); err != nil {
		return err
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// close closes every database.
func (s *store) close() error {
	var errs []error
	for _, d := range []*database{s.global, s.tasks, s.mitre} {
		if d != nil {
			errs = append(errs, d.close())
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, e := range s.agents {
		errs = append(errs, e.db.close())
		delete(s.agents, id)
	}
	return errors.Join(errs...)
}
