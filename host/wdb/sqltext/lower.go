package sqltext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// LowerOutsideQuotes lower-cases q except between single quotes, as the
// Python framework's WazuhDBConnection does to every query before sending it
// (so column names and aliases come back lower-case while string literals
// keep their case).
func LowerOutsideQuotes(q string) string {
	var b strings.Builder
	b.Grow(len(q))
	inQuote := false
	for i := 0; i < len(q); {
		c := q[i]
		if c < utf8.RuneSelf {
			if c == '\'' {
				inQuote = !inQuote
			} else if !inQuote && c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(q[i:])
		if !inQuote && r != utf8.RuneError {
			r = unicode.ToLower(r)
			b.WriteRune(r)
		} else {
			b.WriteString(q[i : i+n])
		}
		i += n
	}
	return b.String()
}
