package authd

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// forget runs the side effects of removing an agent, like authd's writer
// thread: "global delete-agent <id>", "wazuhdb remove <id>" (deleting
// queue/db/NNN.db; done directly when wazuh-db cannot), then
// queue/diff/<name> and queue/rids/<id>. Failures are logged, never
// reported to the requester, as in authd (the key is already gone).
func (s *Service) forget(ctx context.Context, old KeyEntry) {
	n, ok := ParseAgentID(old.ID)
	if !ok {
		return
	}
	dbRemoved := false
	if w := s.cfg.WDB; w != nil {
		if _, err := execOK(ctx, w, DeleteAgentCommand(n)); err != nil {
			s.log.Error("cannot delete agent from global.db", "id", old.ID, "error", err)
		}
		if _, err := execOK(ctx, w, RemoveAgentDBCommand(n)); err != nil {
			s.log.Debug("wazuh-db did not remove the agent database; removing files", "id", old.ID, "error", err)
		} else {
			dbRemoved = true
		}
	}
	if !dbRemoved {
		base := filepath.Join(s.cfg.Root, "queue", "db", FormatAgentID(n)+".db")
		for _, p := range []string{base, base + "-wal", base + "-shm"} {
			s.removePath(p, false)
		}
	}
	if safeFileName(old.Name) {
		s.removePath(filepath.Join(s.cfg.Root, "queue", "diff", old.Name), true)
	}
	s.removePath(filepath.Join(s.cfg.Root, "queue", "rids", old.ID), false)
}

func (s *Service) removePath(p string, all bool) {
	var err error
	if all {
		err = os.RemoveAll(p)
	} else {
		err = os.Remove(p)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		s.log.Warn("cannot remove agent file", "path", p, "error", err)
	}
}

// safeFileName reports whether name can be used as one path element.
func safeFileName(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.ContainsAny(name, `/\`)
}
