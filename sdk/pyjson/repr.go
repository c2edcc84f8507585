package pyjson

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Repr is Python's repr of the value json.loads builds from v's JSON, as
// Wazuh's messages print instances ("['a'] is not of type 'object'"):
// None, True, False, strings with StrRepr, numbers with NumberStr, lists
// and dicts in Python syntax with keys in document order. A json.Number is
// accepted too.
func Repr(v Value) string {
	var b strings.Builder
	writeRepr(&b, v)
	return b.String()
}

func writeRepr(b *strings.Builder, v Value) {
	switch x := v.(type) {
	case nil:
		b.WriteString("None")
	case bool:
		if x {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case string:
		b.WriteString(StrRepr(x))
	case Number:
		b.WriteString(NumberStr(x))
	case json.Number:
		b.WriteString(NumberStr(Number(x)))
	case []Value:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeRepr(b, e)
		}
		b.WriteByte(']')
	case *Object:
		b.WriteByte('{')
		for i, k := range x.Keys() {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(StrRepr(k))
			b.WriteString(": ")
			writeRepr(b, x.vals[k])
		}
		b.WriteByte('}')
	default:
		fmt.Fprint(b, x)
	}
}

// StrRepr is Python's repr(str): single quotes unless s holds a single
// quote and no double quote; backslash, the quote, \n, \r and \t escaped;
// other characters that are not printable (str.isprintable, approximated by
// unicode.IsPrint) as \xhh, \uhhhh or \Uhhhhhhhh.
func StrRepr(s string) string {
	quote := '\''
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		quote = '"'
	}
	var b strings.Builder
	b.WriteRune(quote)
	for _, r := range s {
		switch {
		case r == '\\' || r == quote:
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == ' ' || unicode.IsPrint(r):
			b.WriteRune(r)
		case r < 0x100:
			b.WriteString(`\x` + hex(int64(r), 2))
		case r < 0x10000:
			b.WriteString(`\u` + hex(int64(r), 4))
		default:
			b.WriteString(`\U` + hex(int64(r), 8))
		}
	}
	b.WriteRune(quote)
	return b.String()
}

// hex formats n in lower-case hex on width digits.
func hex(n int64, width int) string {
	s := strconv.FormatInt(n, 16)
	return strings.Repeat("0", width-len(s)) + s
}
