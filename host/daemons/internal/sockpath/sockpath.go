package sockpath

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"time"
)

// MaxPathBytes is the longest socket path Linux accepts (sun_path is 108
// bytes including the terminating NUL).
const MaxPathBytes = 107

// ErrInUse is returned when a live process already serves the socket path.
var ErrInUse = errors.New("sockpath: socket is in use by another process")

// ErrNotSocket is returned when the path exists and is not a socket; it is
// never removed.
var ErrNotSocket = errors.New("sockpath: path exists and is not a socket")

// ErrTooLong is returned for a path longer than MaxPathBytes.
var ErrTooLong = errors.New("sockpath: socket path too long")

// Prepare readies path for binding a socket of the given network ("unix" or
// "unixgram"): the parent directory is created with dirMode when missing, a
// stale socket file is removed, and a socket somebody still listens on gives
// ErrInUse.
func Prepare(path, network string, dirMode fs.FileMode) error {
	if len(path) > MaxPathBytes {
		return fmt.Errorf("%w: %q is %d bytes (max %d)", ErrTooLong, path, len(path), MaxPathBytes)
	}
	if err := os.MkdirAll(filepath.Dir(path), dirMode); err != nil {
		return fmt.Errorf("sockpath: create directory for %s: %w", path, err)
	}
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sockpath: stat %s: %w", path, err)
	}
	if fi.Mode()&fs.ModeSocket == 0 {
		return fmt.Errorf("%w: %s", ErrNotSocket, path)
	}
	if c, err := net.DialTimeout(network, path, time.Second); err == nil {
		_ = c.Close()
		return fmt.Errorf("%w: %s", ErrInUse, path)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("sockpath: remove stale socket %s: %w", path, err)
	}
	return nil
}

// Remove deletes the socket file at path if it is still a socket, ignoring a
// missing file. Daemons call it when they stop.
func Remove(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sockpath: stat %s: %w", path, err)
	}
	if fi.Mode()&fs.ModeSocket == 0 {
		return nil
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("sockpath: remove %s: %w", path, err)
	}
	return nil
}
