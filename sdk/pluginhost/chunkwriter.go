package pluginhost

import (
	"net/http"

	modulev1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/module/v1"
)

// ChunkBytes is the body chunk size on streaming routes: large enough to keep
// per-message overhead negligible, far below the message limit.
const ChunkBytes = 1 << 20

// chunkWriter buffers a streamed body and sends it in ChunkBytes messages,
// the first one carrying status and headers.
type chunkWriter struct {
	stream     modulev1.ModuleService_HandleStreamServer
	status     int
	header     http.Header
	buf        []byte
	sentHeader bool
}

func newChunkWriter(stream modulev1.ModuleService_HandleStreamServer, status int, header http.Header) *chunkWriter {
	return &chunkWriter{stream: stream, status: status, header: header, buf: make([]byte, 0, ChunkBytes)}
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		room := ChunkBytes - len(c.buf)
		if room > len(p) {
			room = len(p)
		}
		c.buf = append(c.buf, p[:room]...)
		p = p[room:]
		if len(c.buf) == ChunkBytes {
			if err := c.flush(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

func (c *chunkWriter) flush() error {
	msg := &modulev1.HandleResponse{Body: c.buf}
	if !c.sentHeader {
		msg.Status = int32(c.status)
		msg.Header = valuesToWire(c.header)
		c.sentHeader = true
	}
	err := c.stream.Send(msg)
	c.buf = make([]byte, 0, ChunkBytes)
	return err
}

// Close sends what remains (always at least the header message).
func (c *chunkWriter) Close() error {
	if len(c.buf) > 0 || !c.sentHeader {
		return c.flush()
	}
	return nil
}
