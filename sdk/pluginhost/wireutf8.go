package pluginhost

import (
	"unicode/utf8"

	"github.com/wazuh-go/server/sdk/query"
)

// Protobuf string fields must hold valid UTF-8: a message that does not
// fails to marshal, and gRPC then ends the whole stream, so on an Exchange
// stream one request with a stray byte (say a %ff path parameter or a
// latin-1 header) failed every call in flight with it. Strings are made
// valid before they reach the wire; checking is a fast scan, and only
// invalid strings are copied.

// wireString returns s, or s with each invalid byte replaced by U+FFFD.
func wireString(s string) string { return query.ReplaceInvalidUTF8(s) }

// wireStrings returns ss, or a copy with every string passed through
// wireString when one of them is invalid.
func wireStrings(ss []string) []string {
	for i, s := range ss {
		if !utf8.ValidString(s) {
			out := make([]string, len(ss))
			copy(out, ss[:i])
			for j := i; j < len(ss); j++ {
				out[j] = wireString(ss[j])
			}
			return out
		}
	}
	return ss
}

// wireStringMap returns m, or a copy with keys and values passed through
// wireString when one of them is invalid.
func wireStringMap(m map[string]string) map[string]string {
	for k, v := range m {
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			out := make(map[string]string, len(m))
			for k, v := range m {
				out[wireString(k)] = wireString(v)
			}
			return out
		}
	}
	return m
}
