package socket

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"
)

// FuzzReadFrame feeds arbitrary bytes to ReadFrame: it must never panic,
// never return more than the limit, and a frame it accepts must be exactly
// what its header announced. The limit is always set (0 stands for
// MaxFrameBytes): without one ReadFrame trusts the header by design.
func FuzzReadFrame(f *testing.F) {
	f.Add([]byte{5, 0, 0, 0, 'h', 'e', 'l', 'l', 'o'}, uint16(0))
	f.Add([]byte{0, 0, 0, 0}, uint16(0))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 'x'}, uint16(0))
	f.Add([]byte{1, 0, 1, 0, 'x'}, uint16(0))
	f.Add([]byte{2, 0}, uint16(0))
	f.Add([]byte{3, 0, 0, 0, 'o', 'k'}, uint16(16))
	f.Fuzz(func(t *testing.T, data []byte, limit uint16) {
		max := int(limit)
		if max == 0 {
			max = MaxFrameBytes
		}
		r := bytes.NewReader(data)
		for range 4 {
			body, err := ReadFrame(r, max)
			if err != nil {
				if body != nil {
					t.Fatal("body returned with an error")
				}
				if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) &&
					!errors.Is(err, ErrFrameTooLarge) && !errors.Is(err, ErrEmptyFrame) {
					t.Fatalf("unexpected error %v", err)
				}
				if errors.Is(err, ErrEmptyFrame) {
					continue
				}
				return
			}
			if len(body) == 0 || (max > 0 && len(body) > max) {
				t.Fatalf("frame of %d bytes with limit %d", len(body), max)
			}
			var out bytes.Buffer
			if err := WriteFrameLimit(&out, body, max); err != nil {
				t.Fatal(err)
			}
			if binary.LittleEndian.Uint32(out.Bytes()) != uint32(len(body)) {
				t.Fatal("round trip changed the length")
			}
		}
	})
}
