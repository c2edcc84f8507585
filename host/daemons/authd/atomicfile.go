package authd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// KeysFileMode is the mode of a newly created client.keys (Wazuh: 0640).
const KeysFileMode fs.FileMode = 0o640

// WriteFileAtomic replaces path with data so that readers see either the old
// or the new content, never a partial file: it writes a temporary file in the
// same directory, fsyncs it, renames it over path and fsyncs the directory.
// An existing file's permission bits are kept; a new file gets perm.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) (err error) {
	if fi, serr := os.Stat(path); serr == nil {
		perm = fi.Mode().Perm()
	} else if !errors.Is(serr, fs.ErrNotExist) {
		return fmt.Errorf("authd: stat %s: %w", path, serr)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("authd: create temporary file for %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("authd: write %s: %w", tmp.Name(), err)
	}
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("authd: chmod %s: %w", tmp.Name(), err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("authd: fsync %s: %w", tmp.Name(), err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("authd: close %s: %w", tmp.Name(), err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("authd: rename %s to %s: %w", tmp.Name(), path, err)
	}
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync() // best effort: the rename itself already happened
		_ = d.Close()
	}
	return nil
}
