package wdb

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"math/bits"
)

// errBadArray is returned by splitRows for text that is not a JSON array.
var errBadArray = errors.New("wdb: reply is not a JSON array")

// splitRows splits a JSON array into its elements without decoding them.
// The elements alias data. When data ends before the array does (wazuh-db
// cut the reply at 64 KiB) it returns the elements that are complete and
// complete=false; the element that was cut is dropped. Text after the
// closing bracket other than blanks is an error.
func splitRows(data []byte) (rows []json.RawMessage, complete bool, err error) {
	return appendRows(nil, data)
}

// appendRows is splitRows appending the elements to rows.
func appendRows(rows []json.RawMessage, data []byte) (_ []json.RawMessage, complete bool, err error) {
	i := skipBlanks(data, 0)
	if i >= len(data) || data[i] != '[' {
		return nil, false, errBadArray
	}
	i = skipBlanks(data, i+1)
	if i < len(data) && data[i] == ']' {
		if skipBlanks(data, i+1) != len(data) {
			return nil, false, errBadArray
		}
		return nil, true, nil
	}
	for {
		end, ok, err := valueEnd(data, i)
		if err != nil {
			return nil, false, err
		}
		if !ok {
			return rows, false, nil
		}
		rows = append(rows, json.RawMessage(data[i:end]))
		i = skipBlanks(data, end)
		if i >= len(data) {
			return rows, false, nil
		}
		switch data[i] {
		case ',':
			i = skipBlanks(data, i+1)
		case ']':
			if skipBlanks(data, i+1) != len(data) {
				return nil, false, errBadArray
			}
			return rows, true, nil
		default:
			return nil, false, errBadArray
		}
	}
}

func skipBlanks(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t') {
		i++
	}
	return i
}

// valueEnd returns the end of the JSON value starting at i; ok is false
// when data ends first.
func valueEnd(data []byte, i int) (end int, ok bool, err error) {
	if i >= len(data) {
		return 0, false, nil
	}
	switch data[i] {
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				k, ok := stringEnd(data, j)
				if !ok {
					return 0, false, nil
				}
				j = k - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, true, nil
				}
			}
		}
		return 0, false, nil
	case '"':
		k, ok := stringEnd(data, i)
		return k, ok, nil
	case ',', ']', '}', ':':
		return 0, false, errBadArray
	}
	j := i
	for j < len(data) && data[j] != ',' && data[j] != ']' && data[j] != ' ' && data[j] != '\n' {
		j++
	}
	if j == len(data) {
		return 0, false, nil
	}
	return j, true, nil
}

// stringEnd returns the offset just past the string starting at i: after
// the next quote not escaped by an odd run of backslashes.
func stringEnd(data []byte, i int) (int, bool) {
	for j := i + 1; ; {
		k := quoteIndex(data[j:])
		if k < 0 {
			return 0, false
		}
		q := j + k
		bs := 0
		for b := q - 1; b >= j && data[b] == '\\'; b-- {
			bs++
		}
		if bs%2 == 0 {
			return q + 1, true
		}
		j = q + 1
	}
}

// quoteIndex is bytes.IndexByte(b, '"') eight bytes at a time: the strings
// of a row (keys, most values) are short, so the call to the vectorized
// search costs more than it saves.
func quoteIndex(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:]) ^ 0x2222222222222222
		if t := (w - 0x0101010101010101) &^ w & 0x8080808080808080; t != 0 {
			return i + bits.TrailingZeros64(t)/8
		}
	}
	for ; i < len(b); i++ {
		if b[i] == '"' {
			return i
		}
	}
	return -1
}
