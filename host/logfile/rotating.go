package logfile

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// File and directory modes of Wazuh's API logs.
const (
	fileMode    = 0o660
	archiveMode = 0o640
	dirMode     = 0o750
)

// Options say when a File rotates.
type Options struct {
	// MaxBytes rotates the file once a write would take it past this
	// size; zero rotates at local midnight instead.
	MaxBytes int64
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// File is a log file that rotates itself. It is safe for concurrent use.
type File struct {
	path string // e.g. <root>/logs/api.log
	opts Options

	mu       sync.Mutex
	f        *os.File
	size     int64
	period   time.Time           // local midnight starting the period the file holds
	reserved map[string]struct{} // archives being compressed
	pending  sync.WaitGroup      // their compressions
	// rotations numbers the moved-aside files, unique even when the clock
	// does not move between two rotations.
	rotations int
}

// Open opens (appending) or creates path. A file left by an earlier run
// belongs to the day of its last change: it is rotated on the first write
// of a later day, as Python's TimedRotatingFileHandler does.
func Open(path string, opts Options) (*File, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	l := &File{path: path, opts: opts, reserved: map[string]struct{}{}}
	if err := l.open(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *File) open() error {
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, fileMode)
	if err != nil {
		return fmt.Errorf("logfile: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("logfile: %w", err)
	}
	l.f, l.size = f, st.Size()
	l.period = midnight(l.opts.Now())
	if l.size > 0 {
		l.period = midnight(st.ModTime())
	}
	return nil
}

// midnight is the local midnight starting t's day.
func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// Write appends p, rotating first when p starts a new day (midnight
// rotation) or would take the file past MaxBytes (size rotation). A
// failed rotation keeps writing to the current file: no line is lost.
func (l *File) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return 0, os.ErrClosed
	}
	now := l.opts.Now()
	if l.size > 0 {
		if l.opts.MaxBytes > 0 && l.size+int64(len(p)) > l.opts.MaxBytes {
			_ = l.rotate(l.sizeArchive(now))
		} else if l.opts.MaxBytes == 0 && !midnight(now).Equal(l.period) {
			_ = l.rotate(l.dayArchive(l.period))
		}
	}
	n, err := l.f.Write(p)
	l.size += int64(n)
	if err != nil {
		return n, fmt.Errorf("logfile: %w", err)
	}
	return n, nil
}

// Close waits for the archives being compressed and closes the file.
func (l *File) Close() error {
	l.mu.Lock()
	f := l.f
	l.f = nil
	l.mu.Unlock()
	l.pending.Wait()
	if f == nil {
		return nil
	}
	return f.Close()
}

// archiveDir is logs/<base>/<year>/<Mon> for day, e.g. logs/api/2026/Nov.
func (l *File) archiveDir(day time.Time) string {
	base := strings.TrimSuffix(filepath.Base(l.path), filepath.Ext(l.path))
	return filepath.Join(filepath.Dir(l.path), base, day.Format("2006"), day.Format("Jan"))
}

// stem and ext split api.log into "api" and "log".
func (l *File) stem() (string, string) {
	name := filepath.Base(l.path)
	ext := filepath.Ext(name)
	return strings.TrimSuffix(name, ext), strings.TrimPrefix(ext, ".")
}

// dayArchive is the archive of the day that started at day: api-DD, or
// the first free api-DD_N when that name is taken (a clock set back, say),
// so that no archive is ever overwritten.
func (l *File) dayArchive(day time.Time) string { return l.freeArchive(day, false) }

// sizeArchive is the first unused api-DD_N archive of now's day.
func (l *File) sizeArchive(now time.Time) string { return l.freeArchive(now, true) }

// freeArchive returns the first archive name of day that neither exists
// nor is being compressed: api-DD (unless numbered), then api-DD_1, ...
func (l *File) freeArchive(day time.Time, numbered bool) string {
	stem, ext := l.stem()
	dir := l.archiveDir(day)
	free := func(p string) bool {
		if _, taken := l.reserved[p]; taken {
			return false
		}
		_, err := os.Lstat(p)
		return os.IsNotExist(err)
	}
	if p := filepath.Join(dir, fmt.Sprintf("%s-%02d.%s.gz", stem, day.Day(), ext)); !numbered && free(p) {
		return p
	}
	for n := 1; ; n++ {
		if p := filepath.Join(dir, fmt.Sprintf("%s-%02d_%d.%s.gz", stem, day.Day(), n, ext)); free(p) {
			return p
		}
	}
}

// rotate moves the current file aside, starts a new one and compresses
// the old one into archive in the background, so that writers never wait
// for the compression. The moved file is removed only once its archive is
// complete; if compression fails it stays next to the log.
func (l *File) rotate(archive string) error {
	now := l.opts.Now()
	l.rotations++
	moved := fmt.Sprintf("%s.%d.%d", l.path, now.UnixNano(), l.rotations)
	if err := os.Rename(l.path, moved); err != nil {
		return fmt.Errorf("logfile: rotate %s: %w", l.path, err)
	}
	old, size, period := l.f, l.size, l.period
	if err := l.open(); err != nil {
		_ = os.Rename(moved, l.path) // keep writing to the old file
		l.f, l.size, l.period = old, size, period
		return err
	}
	old.Close()
	l.period = midnight(now)
	l.reserved[archive] = struct{}{}
	l.pending.Go(func() {
		if compressTo(moved, archive) == nil {
			os.Remove(moved)
		}
		l.mu.Lock()
		delete(l.reserved, archive)
		l.mu.Unlock()
	})
	return nil
}

// compressTo gzips src into dst (created with its directories), through a
// temporary name so that dst is either whole or absent.
func compressTo(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), dirMode); err != nil {
		return fmt.Errorf("logfile: %w", err)
	}
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("logfile: %w", err)
	}
	defer in.Close()
	tmp := dst + ".tmp"
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, archiveMode)
	if err != nil {
		return fmt.Errorf("logfile: %w", err)
	}
	zw := gzip.NewWriter(out)
	_, err = io.Copy(zw, in)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("logfile: archive %s: %w", dst, err)
	}
	return nil
}
