package query

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// ParseRawQuery decodes a raw query string the way starlette does for
// Wazuh (urllib.parse.parse_qsl with keep_blank_values=True on the
// latin-1-decoded query): pairs are separated by "&" only, so a ";" is an
// ordinary character; "+" is a space; a pair without "=" has an empty
// value; empty pairs are skipped; percent escapes are UTF-8 with invalid
// bytes replaced by U+FFFD, malformed escapes are kept verbatim, and raw
// non-ASCII bytes are read as latin-1.
//
// Use it instead of url.ParseQuery or (*url.URL).Query: those reject or
// silently drop every pair containing ";", which is how WQL writes AND
// (q=status=active;name=x).
func ParseRawQuery(raw string) url.Values {
	out := url.Values{}
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		name, value, _ := strings.Cut(pair, "=")
		k := unquotePlus(name)
		out[k] = append(out[k], unquotePlus(value))
	}
	return out
}

// unquotePlus is urllib.parse.unquote_plus(s, errors="replace") on a
// latin-1 string.
func unquotePlus(s string) string {
	var raw []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			raw = append(raw, ' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			raw = append(raw, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		case c >= 0x80:
			// latin-1 character: re-encode so it survives as itself.
			raw = utf8.AppendRune(raw, rune(c))
		default:
			raw = append(raw, c)
		}
	}
	if utf8.Valid(raw) {
		return string(raw)
	}
	var b strings.Builder
	for len(raw) > 0 {
		r, size := utf8.DecodeRune(raw)
		b.WriteRune(r)
		raw = raw[size:]
	}
	return b.String()
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// unhex returns the value of a hexadecimal digit.
func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// RawQueryKeys returns the distinct keys of a raw query string, decoded as
// ParseRawQuery decodes them, in the order of their first appearance: the
// order of the dict Wazuh builds from the query (which keeps each key's
// last value) and logs.
func RawQueryKeys(raw string) []string {
	var keys []string
	seen := map[string]bool{}
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		name, _, _ := strings.Cut(pair, "=")
		if k := unquotePlus(name); !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

// ReplaceInvalidUTF8 returns s with each byte that is not part of valid
// UTF-8 replaced by U+FFFD, as Python decodes with errors="replace" (how
// uvicorn decodes a request path); s itself when it is valid.
func ReplaceInvalidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		b.WriteRune(r)
		s = s[size:]
	}
	return b.String()
}
