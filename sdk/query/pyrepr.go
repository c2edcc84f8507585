package query

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pyRepr renders s as Python's repr(str) does: single quotes unless s holds a
// single quote and no double quote, backslash escapes for the quote, the
// backslash, \t \n \r, and \xNN/\uNNNN/\UNNNNNNNN for non-printable runes.
// Invalid UTF-8 bytes are shown as U+FFFD, which is what starlette's
// percent-decoding (errors="replace") hands to Python.
func pyRepr(s string) string {
	quote := '\''
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		quote = '"'
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteRune(quote)
	for _, r := range s {
		switch {
		case r == quote || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x7f:
			b.WriteRune(r)
		case !unicode.IsPrint(r):
			switch {
			case r <= 0xff:
				fmt.Fprintf(&b, `\x%02x`, r)
			case r <= 0xffff:
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				fmt.Fprintf(&b, `\U%08x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteRune(quote)
	return b.String()
}

// pprintWidth is the width jsonschema passes to pprint.pformat.
const pprintWidth = 72

// pyWordSpaceChunk is Python's re.findall(r'\S*\s*', line) chunking.
var pyWordSpaceChunk = regexp.MustCompile(`[^\t\n\v\f\r \x1c-\x1f\x85\p{Z}]*[\t\n\v\f\r \x1c-\x1f\x85\p{Z}]*`)

// pformatStr renders a top-level string as pprint.pformat(s, width=72)
// does: repr when it fits, otherwise the parenthesised concatenation of
// line/word chunks (PrettyPrinter._pprint_str with level 1).
func pformatStr(s string) string {
	rep := pyRepr(s)
	if utf8.RuneCountInString(rep) <= pprintWidth {
		return rep
	}
	const indent, allowance = 1, 1
	maxWidth1 := pprintWidth - indent
	maxWidth := maxWidth1
	lines := pySplitLinesKeepEnds(s)
	var chunks []string
	for i, line := range lines {
		rep = pyRepr(line)
		if i == len(lines)-1 {
			maxWidth1 -= allowance
		}
		if utf8.RuneCountInString(rep) <= maxWidth1 {
			chunks = append(chunks, rep)
			continue
		}
		parts := pyWordSpaceChunk.FindAllString(line, -1)
		maxWidth2 := maxWidth
		current := ""
		for j, part := range parts {
			candidate := current + part
			if j == len(parts)-1 && i == len(lines)-1 {
				maxWidth2 -= allowance
			}
			if utf8.RuneCountInString(pyRepr(candidate)) > maxWidth2 {
				if current != "" {
					chunks = append(chunks, pyRepr(current))
				}
				current = part
			} else {
				current = candidate
			}
		}
		if current != "" {
			chunks = append(chunks, pyRepr(current))
		}
	}
	if len(chunks) == 1 {
		return rep
	}
	return "(" + strings.Join(chunks, "\n ") + ")"
}

// pySplitLinesKeepEnds is Python's str.splitlines(True).
func pySplitLinesKeepEnds(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		end := -1
		switch r {
		case '\r':
			end = i + size
			if end < len(s) && s[end] == '\n' {
				end++
			}
		case '\n', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
			end = i + size
		}
		if end < 0 {
			i += size
			continue
		}
		out = append(out, s[start:end])
		start, i = end, end
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
