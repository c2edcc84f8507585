package sdk

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// Host is what a module may call back. The host checks each call against the
// capabilities it granted the module.
type Host interface {
	// QueryWDB sends one wazuh-db command (e.g. "global sql SELECT ...",
	// "global get-agent-info 1") and returns the JSON payload after the
	// status word. wazuh-db errors become *Error values (2003, 2007, ...).
	QueryWDB(ctx context.Context, command string) (json.RawMessage, error)
	// StreamWDB runs a wazuh-db "sql" command whose result may be large,
	// calling fn with one JSON array of rows per page. Paging adapts to
	// wazuh-db's frame limit; fn must not retain page.
	StreamWDB(ctx context.Context, command string, fn func(page json.RawMessage) error) error
	// SendSocket sends payload to a Wazuh socket by logical name ("auth",
	// "queue", "ar", "execq") and returns its answer (nil for datagrams).
	SendSocket(ctx context.Context, socket string, payload []byte) ([]byte, error)
	// GetConfig returns a host configuration value by dotted key as JSON.
	GetConfig(ctx context.Context, key string) (json.RawMessage, error)
	// Files gives access to files under the granted root-relative
	// directories.
	Files() Files
}

// Files is file access under the Wazuh root, limited to granted directories.
// Paths are root-relative and slash-separated; ".." is refused.
type Files interface {
	// Read returns a file's contents.
	Read(ctx context.Context, path string) ([]byte, error)
	// Write replaces a file atomically (temp file + rename) with mode.
	Write(ctx context.Context, path string, data []byte, mode uint32) error
	// List returns a directory's entries sorted by name.
	List(ctx context.Context, dir string) ([]FileInfo, error)
	// Remove deletes a file or a directory tree.
	Remove(ctx context.Context, path string) error
	// MkDir creates a directory (and parents) with mode.
	MkDir(ctx context.Context, path string, mode uint32) error
	// Stat describes one path.
	Stat(ctx context.Context, path string) (FileInfo, error)
}

// FileInfo describes a file or directory.
type FileInfo struct {
	// Name is the base name.
	Name string
	// IsDir is true for directories.
	IsDir bool
	// Size in bytes.
	Size int64
	// ModTime is the modification time.
	ModTime time.Time
}

// ErrNotFound is wrapped by Files errors for paths that do not exist.
var ErrNotFound = errors.New("sdk: not found")

// ErrCapability is wrapped by Host errors for calls outside the granted
// capabilities.
var ErrCapability = errors.New("sdk: capability not granted")
