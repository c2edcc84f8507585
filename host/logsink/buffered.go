package logsink

import (
	"bufio"
	"io"
	"sync"
	"time"
)

// DefaultInterval is how long a line may wait in the buffer. It bounds
// what a crash can lose; an orderly stop flushes everything.
const DefaultInterval = 50 * time.Millisecond

// bufferBytes is the buffer size: a full buffer is written at once.
const bufferBytes = 64 << 10

// Buffered is an io.Writer that batches writes to an underlying writer,
// flushing when its buffer fills, every interval, and on Close. It is safe
// for concurrent use. Each Write is kept whole (a log line is never split
// between batches unless it is larger than the buffer).
type Buffered struct {
	mu     sync.Mutex
	out    io.Writer
	w      *bufio.Writer
	stop   chan struct{}
	done   chan struct{}
	closed bool
}

// NewBuffered starts a Buffered writer over w that flushes at least every
// interval (DefaultInterval when interval <= 0).
func NewBuffered(w io.Writer, interval time.Duration) *Buffered {
	if interval <= 0 {
		interval = DefaultInterval
	}
	b := &Buffered{out: w, w: bufio.NewWriterSize(w, bufferBytes), stop: make(chan struct{}), done: make(chan struct{})}
	go b.flushEvery(interval)
	return b
}

// Write buffers p. A failed write to the underlying writer drops that
// batch and is reported; later lines are buffered again.
func (b *Buffered) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return 0, io.ErrClosedPipe
	}
	if len(p) > b.w.Available() && b.w.Buffered() > 0 {
		b.flushLocked()
	}
	n, err := b.w.Write(p)
	if err != nil {
		b.w.Reset(b.out)
	}
	return n, err
}

// Flush writes what is buffered.
func (b *Buffered) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.flushLocked()
}

// Close flushes and stops the flusher. Later writes fail.
func (b *Buffered) Close() error {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return nil
	}
	b.closed = true
	err := b.flushLocked()
	b.mu.Unlock()
	close(b.stop)
	<-b.done
	return err
}

func (b *Buffered) flushLocked() error {
	if err := b.w.Flush(); err != nil {
		// bufio keeps a failed buffer forever; drop it so a broken
		// output cannot block logging.
		b.w.Reset(b.out)
		return err
	}
	return nil
}

func (b *Buffered) flushEvery(interval time.Duration) {
	defer close(b.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-b.stop:
			return
		case <-t.C:
			b.mu.Lock()
			if b.w.Buffered() > 0 {
				_ = b.flushLocked()
			}
			b.mu.Unlock()
		}
	}
}
