package main

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"time"
	"unicode/utf8"
)

// appendField formats one value as WazuhDBQueryAgents does: id padded to
// three digits, group split into a list, epoch dates as ISO 8601 UTC.
func appendField(dst []byte, kind fieldKind, v []byte) []byte {
	isStr := len(v) > 0 && v[0] == '"'
	switch kind {
	case kindID:
		if !isStr {
			return append(appendPaddedID(append(dst, '"'), v), '"')
		}
	case kindGroup:
		if isStr {
			dst = append(dst, '[')
			rest := v[1 : len(v)-1]
			for i := 0; ; i++ {
				g, tail, more := bytes.Cut(rest, []byte{','})
				if i > 0 {
					dst = append(dst, ", "...)
				}
				dst = appendASCII(append(dst, '"'), g)
				dst = append(dst, '"')
				if !more {
					break
				}
				rest = tail
			}
			return append(dst, ']')
		}
	case kindDate, kindDisconnection:
		if !isStr {
			if n, ok := epochSeconds(v); ok {
				return append(appendISODate(append(dst, '"'), n), '"')
			}
		}
	}
	if isStr {
		return appendASCII(dst, v)
	}
	return append(dst, v...)
}

// epochSeconds reads a JSON number as whole seconds (fractions dropped, as
// int(float) does).
func epochSeconds(v []byte) (int64, bool) {
	if n, ok := parseDigits(v); ok {
		return n, true
	}
	f, err := strconv.ParseFloat(string(v), 64)
	if err != nil {
		return 0, false
	}
	return int64(f), true
}

// parseDigits parses an optionally negative run of at most 15 digits
// (exact as a float64, so the result is what int(float(v)) gives).
func parseDigits(v []byte) (int64, bool) {
	neg := len(v) > 0 && v[0] == '-'
	d := v
	if neg {
		d = v[1:]
	}
	if len(d) == 0 || len(d) > 15 {
		return 0, false
	}
	var n int64
	for _, c := range d {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// appendPaddedID renders an integer id zero-padded to three digits.
func appendPaddedID(dst []byte, raw []byte) []byte {
	n, ok := parseDigits(raw)
	if !ok {
		f, err := strconv.ParseFloat(string(raw), 64)
		if err != nil {
			for i := len(raw); i < 3; i++ {
				dst = append(dst, '0')
			}
			return append(dst, raw...)
		}
		n = int64(f)
	}
	var tmp [24]byte
	s := strconv.AppendInt(tmp[:0], n, 10)
	for i := len(s); i < 3; i++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

// appendISODate is Python's datetime.fromtimestamp(ts,
// timezone.utc).isoformat() for whole seconds.
func appendISODate(dst []byte, ts int64) []byte {
	t := time.Unix(ts, 0).UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return append(t.AppendFormat(dst, "2006-01-02T15:04:05"), "+00:00"...)
	}
	hour, minute, sec := t.Clock()
	dst = append(dst, byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10), '-')
	dst = append2(dst, int(month), '-')
	dst = append2(dst, day, 'T')
	dst = append2(dst, hour, ':')
	dst = append2(dst, minute, ':')
	dst = append2(dst, sec, '+')
	return append(dst, "00:00"...)
}

func append2(dst []byte, n int, sep byte) []byte {
	return append(dst, byte('0'+n/10), byte('0'+n%10), sep)
}

// appendASCII copies JSON text, escaping non-ASCII characters as Python's
// json.dumps(ensure_ascii=True) does.
func appendASCII(dst []byte, s []byte) []byte {
	const hex = "0123456789abcdef"
	u := func(r rune) {
		dst = append(dst, '\\', 'u', hex[r>>12&0xF], hex[r>>8&0xF], hex[r>>4&0xF], hex[r&0xF])
	}
	for i := 0; i < len(s); {
		if j := i + asciiPrefix(s[i:]); j > i {
			dst = append(dst, s[i:j]...)
			i = j
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		i += size
		if r >= 0x10000 {
			r -= 0x10000
			u(0xD800 + (r >> 10))
			u(0xDC00 + (r & 0x3FF))
		} else {
			u(r)
		}
	}
	return dst
}

// asciiPrefix returns the length of the ASCII prefix of s, testing eight
// bytes at a time.
func asciiPrefix(s []byte) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64(s[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	return i
}
