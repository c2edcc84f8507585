package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Character classes, names and positions of the expat-like parser
// (xmlparse.go), in expat's namespace-aware mode.

// xmlPosition is expat's line (1-based) and column (0-based, in
// characters) of a byte offset; CR LF and a lone CR end a line.
func xmlPosition(src string, at int) (line, col int) {
	line = 1
	for i := 0; i < at && i < len(src); {
		r, size := utf8.DecodeRuneInString(src[i:])
		i += size
		switch r {
		case '\r':
			if i < len(src) && src[i] == '\n' {
				i++
			}
			line, col = line+1, 0
		case '\n':
			line, col = line+1, 0
		default:
			col++
		}
	}
	return line, col
}

// normalizeNewlines turns CR LF and lone CR into LF, as expat does.
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// name consumes an XML name (without colons) starting at i.
func (p *xmlParser) name(i int) (string, int) {
	start := i
	for i < len(p.src) {
		r, size := utf8.DecodeRuneInString(p.src[i:])
		if !isNameChar(r) {
			break
		}
		i += size
	}
	return p.src[start:i], i
}

// qname consumes an element or attribute name of a start tag, which the
// namespace-aware tokenizer allows one colon in, followed by a name start
// character. The caller has checked the first character.
func (p *xmlParser) qname(i int) (string, int, *xmlFail) {
	start := i
	_, i = p.name(i)
	if i < len(p.src) && p.src[i] == ':' {
		i++
		if i < len(p.src) && !isNameStart(firstRune(p.src[i:])) {
			return "", i, &xmlFail{msg: xmlErrInvalidToken, at: i}
		}
		_, i = p.name(i)
		if i < len(p.src) && p.src[i] == ':' {
			return "", i, &xmlFail{msg: xmlErrInvalidToken, at: i}
		}
	}
	return p.src[start:i], i, nil
}

func (p *xmlParser) skipSpace(i int) int {
	for i < len(p.src) && isXMLSpace(p.src[i]) {
		i++
	}
	return i
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// isXMLSpace is XML's S production.
func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isXMLChar is XML 1.0's Char production.
func isXMLChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}

// isNameStart and isNameChar are expat's name characters in namespace mode,
// where ':' is not a name character (qname handles it).
func isNameStart(r rune) bool {
	return r == '_' || (r < utf8.RuneSelf && (r|0x20 >= 'a' && r|0x20 <= 'z')) ||
		(r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.Is(unicode.Nl, r)))
}

func isNameChar(r rune) bool {
	return isNameStart(r) || r == '-' || r == '.' || (r >= '0' && r <= '9') || r == 0xB7 ||
		(r >= utf8.RuneSelf && (unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Lm)))
}
