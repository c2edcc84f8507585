package sqltext

import "strings"

// LowerOutsideQuotes lower-cases q except between single quotes, as the
// Python framework's WazuhDBConnection does to every query before sending it
// (so column names and aliases come back lower-case while string literals
// keep their case).
func LowerOutsideQuotes(q string) string {
	var b strings.Builder
	b.Grow(len(q))
	inQuote := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c == '\'' {
			inQuote = !inQuote
		} else if !inQuote && c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}
