package main

import (
	"encoding/binary"
	"hash"
	"math/bits"
)

// BLAKE2b-512 and BLAKE2s-256 (RFC 7693), unkeyed, as Python's
// hashlib.blake2b() and hashlib.blake2s() compute them by default. The
// standard library has no BLAKE2 and the module imports nothing else.

var b2bIV = [8]uint64{0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
	0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179}

var b2sIV = [8]uint32{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19}

var b2Sigma = [10][16]byte{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
	{11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4}, {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
	{9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13}, {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
	{12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11}, {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
	{6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5}, {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
}

// blake2 buffers the whole input (group files are small) and digests it
// on Sum.
type blake2 struct {
	big  bool // BLAKE2b when true, BLAKE2s otherwise
	data []byte
}

func newBlake2b() hash.Hash { return &blake2{big: true} }
func newBlake2s() hash.Hash { return &blake2{} }

func (b *blake2) Write(p []byte) (int, error) { b.data = append(b.data, p...); return len(p), nil }
func (b *blake2) Reset()                      { b.data = b.data[:0] }
func (b *blake2) Size() int {
	if b.big {
		return 64
	}
	return 32
}
func (b *blake2) BlockSize() int { return b.Size() * 2 }
func (b *blake2) Sum(in []byte) []byte {
	if b.big {
		return append(in, blake2b(b.data)...)
	}
	return append(in, blake2s(b.data)...)
}

func blake2b(msg []byte) []byte {
	h := b2bIV
	h[0] ^= 0x01010000 ^ 64
	var t uint64
	for {
		var block [128]byte
		last := len(msg) <= 128
		n := copy(block[:], msg)
		msg = msg[n:]
		t += uint64(n)
		var m [16]uint64
		for i := range m {
			m[i] = binary.LittleEndian.Uint64(block[i*8:])
		}
		v := [16]uint64{}
		copy(v[:8], h[:])
		copy(v[8:], b2bIV[:])
		v[12] ^= t
		if last {
			v[14] = ^v[14]
		}
		g := func(a, b, c, d int, x, y uint64) {
			v[a] += v[b] + x
			v[d] = bits.RotateLeft64(v[d]^v[a], -32)
			v[c] += v[d]
			v[b] = bits.RotateLeft64(v[b]^v[c], -24)
			v[a] += v[b] + y
			v[d] = bits.RotateLeft64(v[d]^v[a], -16)
			v[c] += v[d]
			v[b] = bits.RotateLeft64(v[b]^v[c], -63)
		}
		for r := 0; r < 12; r++ {
			s := &b2Sigma[r%10]
			g(0, 4, 8, 12, m[s[0]], m[s[1]])
			g(1, 5, 9, 13, m[s[2]], m[s[3]])
			g(2, 6, 10, 14, m[s[4]], m[s[5]])
			g(3, 7, 11, 15, m[s[6]], m[s[7]])
			g(0, 5, 10, 15, m[s[8]], m[s[9]])
			g(1, 6, 11, 12, m[s[10]], m[s[11]])
			g(2, 7, 8, 13, m[s[12]], m[s[13]])
			g(3, 4, 9, 14, m[s[14]], m[s[15]])
		}
		for i := range h {
			h[i] ^= v[i] ^ v[i+8]
		}
		if last {
			break
		}
	}
	out := make([]byte, 64)
	for i, x := range h {
		binary.LittleEndian.PutUint64(out[i*8:], x)
	}
	return out
}

func blake2s(msg []byte) []byte {
	h := b2sIV
	h[0] ^= 0x01010000 ^ 32
	var t uint64
	for {
		var block [64]byte
		last := len(msg) <= 64
		n := copy(block[:], msg)
		msg = msg[n:]
		t += uint64(n)
		var m [16]uint32
		for i := range m {
			m[i] = binary.LittleEndian.Uint32(block[i*4:])
		}
		v := [16]uint32{}
		copy(v[:8], h[:])
		copy(v[8:], b2sIV[:])
		v[12] ^= uint32(t)
		v[13] ^= uint32(t >> 32)
		if last {
			v[14] = ^v[14]
		}
		g := func(a, b, c, d int, x, y uint32) {
			v[a] += v[b] + x
			v[d] = bits.RotateLeft32(v[d]^v[a], -16)
			v[c] += v[d]
			v[b] = bits.RotateLeft32(v[b]^v[c], -12)
			v[a] += v[b] + y
			v[d] = bits.RotateLeft32(v[d]^v[a], -8)
			v[c] += v[d]
			v[b] = bits.RotateLeft32(v[b]^v[c], -7)
		}
		for r := 0; r < 10; r++ {
			s := &b2Sigma[r]
			g(0, 4, 8, 12, m[s[0]], m[s[1]])
			g(1, 5, 9, 13, m[s[2]], m[s[3]])
			g(2, 6, 10, 14, m[s[4]], m[s[5]])
			g(3, 7, 11, 15, m[s[6]], m[s[7]])
			g(0, 5, 10, 15, m[s[8]], m[s[9]])
			g(1, 6, 11, 12, m[s[10]], m[s[11]])
			g(2, 7, 8, 13, m[s[12]], m[s[13]])
			g(3, 4, 9, 14, m[s[14]], m[s[15]])
		}
		for i := range h {
			h[i] ^= v[i] ^ v[i+8]
		}
		if last {
			break
		}
	}
	out := make([]byte, 32)
	for i, x := range h {
		binary.LittleEndian.PutUint32(out[i*4:], x)
	}
	return out
}
