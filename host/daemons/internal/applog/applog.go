package applog

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// DefaultMaxBytes is the size after which a log is rotated when the caller
// does not choose a limit.
const DefaultMaxBytes = 256 << 20

// FileMode is the mode of created log files (Wazuh's logs are 0640/0660).
const FileMode fs.FileMode = 0o640

// Log is an append-only line log. It is safe for concurrent use.
type Log struct {
	path     string
	maxBytes int64

	mu   sync.Mutex
	f    *os.File
	size int64
}

// Open opens (creating it and its directory when missing) the log at path.
// maxBytes <= 0 means DefaultMaxBytes.
func Open(path string, maxBytes int64, dirMode fs.FileMode) (*Log, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if err := os.MkdirAll(filepath.Dir(path), dirMode); err != nil {
		return nil, fmt.Errorf("applog: create directory for %s: %w", path, err)
	}
	l := &Log{path: path, maxBytes: maxBytes}
	if err := l.open(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *Log) open() error {
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, FileMode)
	if err != nil {
		return fmt.Errorf("applog: open %s: %w", l.path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return fmt.Errorf("applog: stat %s: %w", l.path, err)
	}
	l.f, l.size = f, fi.Size()
	return nil
}

// Path returns the file the log writes to.
func (l *Log) Path() string { return l.path }

// ErrClosed is returned by Append after Close.
var ErrClosed = errors.New("applog: log closed")

// Append writes record followed by a newline. Newlines and carriage returns
// inside record are escaped as the two characters `\n` / `\r` so that one
// record is always one line.
func (l *Log) Append(record []byte) error {
	line := make([]byte, 0, len(record)+1)
	line = appendEscaped(line, record)
	line = append(line, '\n')

	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return ErrClosed
	}
	if l.size > 0 && l.size+int64(len(line)) > l.maxBytes {
		if err := l.rotate(); err != nil {
			return err
		}
	}
	n, err := l.f.Write(line)
	l.size += int64(n)
	if err != nil {
		return fmt.Errorf("applog: write %s: %w", l.path, err)
	}
	return nil
}

func appendEscaped(dst, src []byte) []byte {
	if !bytes.ContainsAny(src, "\r\n") {
		return append(dst, src...)
	}
	for _, c := range src {
		switch c {
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// rotate renames the current file to "<path>.1" (replacing an older one)
// and starts a new file. Called with l.mu held.
func (l *Log) rotate() error {
	closeErr := l.f.Close()
	l.f = nil
	if closeErr != nil {
		if err := l.open(); err != nil {
			return err
		}
		return fmt.Errorf("applog: close %s: %w", l.path, closeErr)
	}
	renameErr := os.Rename(l.path, l.path+".1")
	if err := l.open(); err != nil {
		return err
	}
	if renameErr != nil {
		return fmt.Errorf("applog: rotate %s: %w", l.path, renameErr)
	}
	return nil
}

// Close closes the file. It is safe to call more than once.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	if err != nil {
		return fmt.Errorf("applog: close %s: %w", l.path, err)
	}
	return nil
}
