package socket

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// MaxFrameBytes is Wazuh's limit for one framed message on a stream socket
// (OS_MAXSTR-sized buffers: 64 KiB). Larger frames are refused on both sides.
const MaxFrameBytes = 64 * 1024

// ErrFrameTooLarge is returned when a frame header announces, or a caller
// tries to write, more than the allowed number of bytes.
var ErrFrameTooLarge = errors.New("socket: frame exceeds maximum size")

// ErrEmptyFrame is returned when a frame header announces zero bytes.
var ErrEmptyFrame = errors.New("socket: empty frame")

// WriteFrame writes payload to w preceded by its length as a 4-byte
// little-endian integer, in a single Write call so that concurrent writers on
// a datagram-like stream never interleave a header and a body.
func WriteFrame(w io.Writer, payload []byte) error {
	return WriteFrameLimit(w, payload, MaxFrameBytes)
}

// WriteFrameLimit is WriteFrame with an explicit size limit (0 = no limit).
func WriteFrameLimit(w io.Writer, payload []byte, max int) error {
	if max > 0 && len(payload) > max {
		return fmt.Errorf("%w: %d bytes (max %d)", ErrFrameTooLarge, len(payload), max)
	}
	buf := make([]byte, 4+len(payload))
	binary.LittleEndian.PutUint32(buf, uint32(len(payload)))
	copy(buf[4:], payload)
	if _, err := w.Write(buf); err != nil {
		return fmt.Errorf("socket: write frame: %w", err)
	}
	return nil
}

// ReadFrame reads one frame from r. A header larger than max (0 = no limit)
// gives ErrFrameTooLarge without reading the body, so a peer cannot make the
// reader allocate unbounded memory. A short read gives io.ErrUnexpectedEOF; a
// clean end of stream before any header byte gives io.EOF.
func ReadFrame(r io.Reader, max int) ([]byte, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		return nil, fmt.Errorf("socket: read frame header: %w", err)
	}
	n := binary.LittleEndian.Uint32(hdr[:])
	if max > 0 && uint64(n) > uint64(max) {
		return nil, fmt.Errorf("%w: header announces %d bytes (max %d)", ErrFrameTooLarge, n, max)
	}
	if n == 0 {
		return nil, ErrEmptyFrame
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("socket: read frame body: %w", io.ErrUnexpectedEOF)
	}
	return body, nil
}
