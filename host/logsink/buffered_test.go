package logsink

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a concurrency-safe destination that counts writes.
type lockedBuffer struct {
	mu     sync.Mutex
	b      bytes.Buffer
	writes int
	fail   bool
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fail {
		return 0, errors.New("disk full")
	}
	l.writes++
	return l.b.Write(p)
}

func (l *lockedBuffer) snapshot() (string, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String(), l.writes
}

func TestBufferedBatchesAndFlushesOnClose(t *testing.T) {
	dst := &lockedBuffer{}
	b := NewBuffered(dst, time.Hour) // only Close flushes here
	for i := range 100 {
		fmt.Fprintf(b, "line %d\n", i)
	}
	if got, _ := dst.snapshot(); got != "" {
		t.Fatalf("lines written before a flush: %q", got)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	got, writes := dst.snapshot()
	if writes != 1 || strings.Count(got, "\n") != 100 || !strings.HasPrefix(got, "line 0\nline 1\n") {
		t.Fatalf("%d writes, output %q", writes, got)
	}
	if _, err := b.Write([]byte("late\n")); err == nil {
		t.Fatal("a write after Close must fail")
	}
}

func TestBufferedFlushesOnInterval(t *testing.T) {
	dst := &lockedBuffer{}
	b := NewBuffered(dst, time.Millisecond)
	defer b.Close()
	fmt.Fprintln(b, "hello")
	deadline := time.Now().Add(10 * time.Second) // hang detection only
	for {
		if got, _ := dst.snapshot(); got == "hello\n" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the periodic flush never wrote the line")
		}
		time.Sleep(time.Millisecond)
	}
}

func TestBufferedKeepsLinesWholeWhenFull(t *testing.T) {
	dst := &lockedBuffer{}
	b := NewBuffered(dst, time.Hour)
	line := strings.Repeat("x", 1000) + "\n"
	for range 200 { // about 3 buffers
		_, _ = b.Write([]byte(line))
	}
	_ = b.Close()
	got, writes := dst.snapshot()
	if writes < 3 || len(got) != 200*len(line) {
		t.Fatalf("%d writes, %d bytes", writes, len(got))
	}
	// every batch ended on a line boundary
	if strings.Count(got, line) != 200 {
		t.Fatal("a line was split or lost")
	}
}

func TestBufferedSurvivesAFailingOutput(t *testing.T) {
	dst := &lockedBuffer{fail: true}
	b := NewBuffered(dst, time.Hour)
	fmt.Fprintln(b, "lost")
	if err := b.Flush(); err == nil {
		t.Fatal("the output's error must be reported")
	}
	dst.mu.Lock()
	dst.fail = false
	dst.mu.Unlock()
	fmt.Fprintln(b, "kept")
	_ = b.Close()
	if got, _ := dst.snapshot(); got != "kept\n" {
		t.Fatalf("after recovery got %q", got)
	}
}

func TestBufferedConcurrentWriters(t *testing.T) {
	dst := &lockedBuffer{}
	b := NewBuffered(dst, time.Millisecond)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				fmt.Fprintf(b, "g%d-%d\n", g, i)
			}
		}()
	}
	wg.Wait()
	_ = b.Close()
	got, _ := dst.snapshot()
	if n := strings.Count(got, "\n"); n != 4000 {
		t.Fatalf("%d lines, want 4000", n)
	}
}
