package sdk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// MarshalWazuhJSON encodes v the way Wazuh's API does with Python's
// json.dumps: separators ", " and ": ", ensure_ascii (every non-ASCII
// character and DEL written as a lowercase \uXXXX escape, astral characters as
// surrogate pairs), no HTML escaping. With pretty it indents by 3 spaces as
// Wazuh does for ?pretty=true (Python then uses "," at line ends).
//
// Key order is the order v encodes in: use structs, RawMessage or
// OrderedObject to reproduce Wazuh's insertion order (Go maps are sorted).
func MarshalWazuhJSON(v any, pretty bool) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("sdk: encode json: %w", err)
	}
	compact := bytes.TrimRight(buf.Bytes(), "\n")
	return PythonizeJSON(compact, pretty), nil
}

// PythonizeJSON rewrites compact (or already spaced) valid JSON into Python
// json.dumps layout, as MarshalWazuhJSON does. Input that is not valid JSON
// is returned with only the ASCII escaping applied.
func PythonizeJSON(src []byte, pretty bool) []byte {
	if pretty {
		var ind bytes.Buffer
		if err := json.Indent(&ind, src, "", "   "); err == nil {
			return asciiEscape(ind.Bytes(), false)
		}
	}
	return asciiEscape(src, true)
}

const hexDigits = "0123456789abcdef"

// asciiEscape escapes non-ASCII inside strings and, when spaced, adds the
// Python separators outside strings (whitespace outside strings is dropped
// first so that spaced input does not get doubled spaces).
func asciiEscape(src []byte, spaced bool) []byte {
	out := make([]byte, 0, len(src)+len(src)/8)
	inString, escaped := false, false
	for i := 0; i < len(src); {
		c := src[i]
		if inString {
			if c == 0x7f {
				// Python's ensure_ascii escapes everything outside ' '..'~'.
				out = appendU(out, 0x7f)
				i++
				continue
			}
			if c < utf8.RuneSelf {
				out = append(out, c)
				switch {
				case escaped:
					escaped = false
				case c == '\\':
					escaped = true
				case c == '"':
					inString = false
				}
				i++
				continue
			}
			r, size := utf8.DecodeRune(src[i:])
			i += size
			if r >= 0x10000 {
				r -= 0x10000
				out = appendU(out, 0xD800+(r>>10))
				out = appendU(out, 0xDC00+(r&0x3FF))
			} else {
				out = appendU(out, r)
			}
			continue
		}
		i++
		switch {
		case c == '"':
			inString = true
			out = append(out, c)
		case spaced && (c == ' ' || c == '\n' || c == '\t' || c == '\r'):
		case spaced && c == ',':
			out = append(out, ',', ' ')
		case spaced && c == ':':
			out = append(out, ':', ' ')
		default:
			out = append(out, c)
		}
	}
	return out
}

func appendU(out []byte, r rune) []byte {
	return append(out, '\\', 'u', hexDigits[r>>12&0xF], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
}
