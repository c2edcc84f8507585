package pluginhost

import (
	"net/http"
	"sync"

	modulev1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/module/v1"
)

// ChunkBytes is the body chunk size on streaming routes: large enough to keep
// per-message overhead negligible, far below the message limit.
const ChunkBytes = 1 << 20

// chunkBufs recycles the buffers of chunkWriter, so that a response costs
// neither a zeroed ChunkBytes allocation nor a fresh one per message. A
// buffer is reused as soon as Send returns: gRPC marshals the message
// within Send, and the module's server installs no stats handler (the only
// thing that could look at the message later; tracing is off).
var chunkBufs = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// chunkWriter buffers a streamed body and sends it in ChunkBytes messages,
// the first one carrying status and headers.
type chunkWriter struct {
	stream     modulev1.ModuleService_HandleStreamServer
	status     int
	header     http.Header
	buf        *[]byte
	sentHeader bool
}

func newChunkWriter(stream modulev1.ModuleService_HandleStreamServer, status int, header http.Header) *chunkWriter {
	return &chunkWriter{stream: stream, status: status, header: header}
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	if c.buf == nil {
		c.buf = chunkBufs.Get().(*[]byte)
	}
	for len(p) > 0 {
		b := *c.buf
		room := min(ChunkBytes-len(b), len(p))
		b = append(b, p[:room]...)
		*c.buf = b
		p = p[room:]
		if len(b) == ChunkBytes {
			if err := c.flush(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

func (c *chunkWriter) flush() error {
	msg := &modulev1.HandleResponse{}
	if c.buf != nil {
		msg.Body = *c.buf
	}
	if !c.sentHeader {
		msg.Status = int32(c.status)
		msg.Header = valuesToWire(c.header)
		c.sentHeader = true
	}
	err := c.stream.Send(msg)
	if c.buf != nil {
		*c.buf = (*c.buf)[:0]
	}
	return err
}

// Close sends what remains (always at least the header message) and
// recycles the buffer.
func (c *chunkWriter) Close() error {
	var err error
	if (c.buf != nil && len(*c.buf) > 0) || !c.sentHeader {
		err = c.flush()
	}
	c.release()
	return err
}

// release returns the buffer to the pool.
func (c *chunkWriter) release() {
	if c.buf != nil {
		*c.buf = (*c.buf)[:0]
		chunkBufs.Put(c.buf)
		c.buf = nil
	}
}
