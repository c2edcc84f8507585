package logfile

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func at(s string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02 15:04", s, time.Local)
	return t
}
func write(t *testing.T, f *File, s string) {
	t.Helper()
	if _, err := f.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
}

func gunzip(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("archive: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMidnightRotationArchivesTheDayThatEnded(t *testing.T) {
	dir := t.TempDir()
	c := &clock{t: at("2026-11-30 23:59")}
	f, err := Open(filepath.Join(dir, "api.log"), Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	write(t, f, "last line of November\n")
	c.set(at("2026-12-01 00:01"))
	write(t, f, "first line of December\n")
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if got := gunzip(t, filepath.Join(dir, "api", "2026", "Nov", "api-30.log.gz")); got != "last line of November\n" {
		t.Fatalf("archive holds %q", got)
	}
	if got := read(t, filepath.Join(dir, "api.log")); got != "first line of December\n" {
		t.Fatalf("api.log holds %q", got)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "api.log.*")); len(left) != 0 {
		t.Fatalf("moved files left behind: %v", left)
	}
}

func TestFileFromAnEarlierRunRotatesIntoItsOwnDay(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "api.json")
	if err := os.WriteFile(path, []byte("{\"old\":1}\n"), 0o660); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, at("2026-02-07 18:00"), at("2026-02-07 18:00")); err != nil {
		t.Fatal(err)
	}
	c := &clock{t: at("2026-02-09 08:00")}
	f, err := Open(path, Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	write(t, f, "{\"new\":1}\n")
	f.Close()
	if got := gunzip(t, filepath.Join(dir, "api", "2026", "Feb", "api-07.json.gz")); got != "{\"old\":1}\n" {
		t.Fatalf("archive holds %q", got)
	}
	if got := read(t, path); got != "{\"new\":1}\n" {
		t.Fatalf("api.json holds %q", got)
	}
}

func TestSizeRotationNumbersArchivesAndKeepsEveryByte(t *testing.T) {
	dir := t.TempDir()
	c := &clock{t: at("2026-03-05 10:00")}
	f, err := Open(filepath.Join(dir, "api.log"), Options{MaxBytes: 10, Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"aaaaaa\n", "bbbbbb\n", "cccccc\n"} {
		write(t, f, s)
	}
	c.set(at("2026-03-06 10:00")) // size rotation ignores midnight
	write(t, f, "dd\n")
	f.Close()
	arch := filepath.Join(dir, "api", "2026", "Mar")
	if got := gunzip(t, filepath.Join(arch, "api-05_1.log.gz")); got != "aaaaaa\n" {
		t.Fatalf("first archive %q", got)
	}
	if got := gunzip(t, filepath.Join(arch, "api-05_2.log.gz")); got != "bbbbbb\n" {
		t.Fatalf("second archive %q", got)
	}
	if got := read(t, filepath.Join(dir, "api.log")); got != "cccccc\ndd\n" {
		t.Fatalf("api.log holds %q", got)
	}
}

func TestConcurrentWritesLoseNoLine(t *testing.T) {
	dir := t.TempDir()
	f, err := Open(filepath.Join(dir, "api.log"), Options{MaxBytes: 4096})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 500 {
				if _, err := fmt.Fprintf(f, "writer %d line %04d\n", w, i); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	f.Close()
	var all bytes.Buffer
	archives, _ := filepath.Glob(filepath.Join(dir, "api", "*", "*", "*.gz"))
	for _, a := range archives {
		all.WriteString(gunzip(t, a))
	}
	all.WriteString(read(t, filepath.Join(dir, "api.log")))
	lines := strings.Split(strings.TrimSuffix(all.String(), "\n"), "\n")
	if len(lines) != 8*500 {
		t.Fatalf("%d lines kept, want %d", len(lines), 8*500)
	}
	sort.Strings(lines)
	for i := 1; i < len(lines); i++ {
		if lines[i] == lines[i-1] || !strings.HasPrefix(lines[i], "writer ") {
			t.Fatalf("line %q duplicated or torn", lines[i])
		}
	}
	if len(archives) < 2 {
		t.Fatalf("only %d archives for ~80 KB at 4 KB per file", len(archives))
	}
}

func TestWriteAfterCloseFails(t *testing.T) {
	f, err := Open(filepath.Join(t.TempDir(), "api.log"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := f.Write([]byte("x")); err == nil {
		t.Fatal("write after close succeeded")
	}
}

func TestDayArchiveNeverOverwritesAnExistingOne(t *testing.T) {
	dir := t.TempDir()
	arch := filepath.Join(dir, "api", "2026", "Jan")
	if err := os.MkdirAll(arch, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(arch, "api-10.log.gz"), []byte("earlier archive"), 0o640); err != nil {
		t.Fatal(err)
	}
	c := &clock{t: at("2026-01-10 12:00")}
	f, err := Open(filepath.Join(dir, "api.log"), Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	write(t, f, "tenth\n")
	c.set(at("2026-01-11 00:00"))
	write(t, f, "eleventh\n")
	f.Close()
	if got := read(t, filepath.Join(arch, "api-10.log.gz")); got != "earlier archive" {
		t.Fatalf("the existing archive was overwritten: %q", got)
	}
	if got := gunzip(t, filepath.Join(arch, "api-10_1.log.gz")); got != "tenth\n" {
		t.Fatalf("new archive %q", got)
	}
}
