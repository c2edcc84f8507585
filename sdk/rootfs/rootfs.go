package rootfs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/wazuh-go/server/sdk"
)

// Files is sdk.Files on Root, limited to Granted directories.
type Files struct {
	// Root is the absolute directory paths are relative to.
	Root string
	// Granted lists root-relative directories (slash-separated) that may be
	// used, with everything below them.
	Granted []string
}

// New returns Files for root and granted.
func New(root string, granted []string) *Files { return &Files{Root: root, Granted: granted} }

// ErrOutsideGrant is wrapped for paths outside every granted directory or
// escaping the root.
var ErrOutsideGrant = errors.New("rootfs: path outside granted directories")

// resolve validates a root-relative path and returns its absolute form. It
// refuses absolute paths, "..", and symlinked path components that would
// leave the root.
func (f *Files) resolve(p string) (string, error) {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || strings.ContainsRune(p, 0) {
		return "", fmt.Errorf("%w: %q", ErrOutsideGrant, p)
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", fmt.Errorf("%w: %q", ErrOutsideGrant, p)
		}
	}
	clean := path.Clean(p)
	ok := false
	for _, g := range f.Granted {
		g = path.Clean(g)
		if clean == g || strings.HasPrefix(clean, g+"/") {
			ok = true
			break
		}
	}
	if !ok {
		return "", fmt.Errorf("%w: %q: %w", ErrOutsideGrant, p, sdk.ErrCapability)
	}
	abs := filepath.Join(f.Root, filepath.FromSlash(clean))
	if !f.staysInside(abs) || !f.staysInside(filepath.Dir(abs)) {
		return "", fmt.Errorf("%w: %q", ErrOutsideGrant, p)
	}
	return abs, nil
}

// staysInside reports whether abs, with symlinks resolved, is still under
// the root. A path that does not exist yet is judged by its parent.
func (f *Files) staysInside(abs string) bool {
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return true
	}
	rootReal, err := filepath.EvalSymlinks(f.Root)
	if err != nil {
		return false
	}
	return real == rootReal || strings.HasPrefix(real, rootReal+string(filepath.Separator))
}

// wrapNotFound wraps sdk.ErrNotFound into errors for paths that cannot
// exist: missing ones, names longer than NAME_MAX (ENAMETOOLONG) and paths
// through a regular file (ENOTDIR). Python's os.path.exists is False for
// all three, so Wazuh answers "does not exist" (1710, 1006) rather than 500.
func wrapNotFound(err error) error {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENAMETOOLONG) || errors.Is(err, syscall.ENOTDIR) {
		return fmt.Errorf("%w: %w", sdk.ErrNotFound, err)
	}
	return err
}

// Read implements sdk.Files.
func (f *Files) Read(_ context.Context, p string) ([]byte, error) {
	abs, err := f.resolve(p)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(abs)
	return data, wrapNotFound(err)
}

// Write implements sdk.Files: temp file in the same directory, fsync, rename.
func (f *Files) Write(_ context.Context, p string, data []byte, mode uint32) error {
	abs, err := f.resolve(p)
	if err != nil {
		return err
	}
	if mode == 0 {
		mode = 0o660
	}
	tmp, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".tmp*")
	if err != nil {
		return wrapNotFound(err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("rootfs: write %s: %w", p, err)
	}
	if err := tmp.Chmod(fs.FileMode(mode)); err != nil {
		tmp.Close()
		return fmt.Errorf("rootfs: chmod %s: %w", p, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("rootfs: sync %s: %w", p, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("rootfs: close %s: %w", p, err)
	}
	if err := os.Rename(tmp.Name(), abs); err != nil {
		return fmt.Errorf("rootfs: rename %s: %w", p, err)
	}
	return nil
}

// List implements sdk.Files.
func (f *Files) List(_ context.Context, dir string) ([]sdk.FileInfo, error) {
	abs, err := f.resolve(dir)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return nil, wrapNotFound(err)
	}
	out := make([]sdk.FileInfo, 0, len(entries))
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, toFileInfo(info))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Remove implements sdk.Files.
func (f *Files) Remove(_ context.Context, p string) error {
	abs, err := f.resolve(p)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(abs); err != nil {
		return wrapNotFound(err)
	}
	return os.RemoveAll(abs)
}

// MkDir implements sdk.Files.
func (f *Files) MkDir(_ context.Context, p string, mode uint32) error {
	abs, err := f.resolve(p)
	if err != nil {
		return err
	}
	if mode == 0 {
		mode = 0o770
	}
	return os.MkdirAll(abs, fs.FileMode(mode))
}

// Stat implements sdk.Files.
func (f *Files) Stat(_ context.Context, p string) (sdk.FileInfo, error) {
	abs, err := f.resolve(p)
	if err != nil {
		return sdk.FileInfo{}, err
	}
	info, err := os.Stat(abs)
	if err != nil {
		return sdk.FileInfo{}, wrapNotFound(err)
	}
	return toFileInfo(info), nil
}

func toFileInfo(info fs.FileInfo) sdk.FileInfo {
	return sdk.FileInfo{Name: info.Name(), IsDir: info.IsDir(), Size: info.Size(), ModTime: info.ModTime()}
}
