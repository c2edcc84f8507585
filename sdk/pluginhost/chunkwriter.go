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
	send       sendChunk
	status     int
	header     http.Header
	buf        *[]byte
	sentHeader bool
	// markEnd makes Close always send a last message with end set, even an
	// empty one (Exchange calls); a HandleStream's end is the stream's.
	markEnd bool
}

// sendChunk sends one message of a response: body (valid only during the
// call), the status and header when first, and whether it is the last.
type sendChunk func(body []byte, first bool, status int, header http.Header, end bool) error

// streamSender sends a HandleStream call's messages.
func streamSender(stream modulev1.ModuleService_HandleStreamServer) sendChunk {
	return func(body []byte, first bool, status int, header http.Header, _ bool) error {
		msg := &modulev1.HandleResponse{Body: body}
		if first {
			msg.Status, msg.Header = int32(status), valuesToWire(header)
		}
		return stream.Send(msg)
	}
}

func newChunkWriter(send sendChunk, status int, header http.Header) *chunkWriter {
	return &chunkWriter{send: send, status: status, header: header}
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	if c.buf == nil {
		c.buf = chunkBufs.Get().(*[]byte)
	}
	for len(p) > 0 {
		// A full chunk is sent only once more data follows, so that the
		// last one goes out at Close marked as the end.
		if len(*c.buf) == ChunkBytes {
			if err := c.flush(false); err != nil {
				return 0, err
			}
		}
		b := *c.buf
		room := min(ChunkBytes-len(b), len(p))
		*c.buf = append(b, p[:room]...)
		p = p[room:]
	}
	return n, nil
}

func (c *chunkWriter) flush(end bool) error {
	var body []byte
	if c.buf != nil {
		body = *c.buf
	}
	first := !c.sentHeader
	c.sentHeader = true
	err := c.send(body, first, c.status, c.header, end)
	if c.buf != nil {
		*c.buf = (*c.buf)[:0]
	}
	return err
}

// Close sends what remains (always at least the header message, and the
// end message when markEnd) and recycles the buffer.
func (c *chunkWriter) Close() error {
	var err error
	if (c.buf != nil && len(*c.buf) > 0) || !c.sentHeader || c.markEnd {
		err = c.flush(true)
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
