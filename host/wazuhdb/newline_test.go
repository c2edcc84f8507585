package wazuhdb

import (
	"strings"
	"testing"
)

// wazuh-db appends the newline of a "\n"-terminated request to the reply
// only while the reply is shorter than OS_MAXSTR - 1 (65535) bytes, so a
// reply of 65535 bytes stays as it is and is never mistaken for a reply cut
// at 65536.
func TestTrailingNewlineLimit(t *testing.T) {
	s := startServer(t, newRoot(t))
	// "ok " + `[{"x":"` + 65522 zeros + `"}]` is 65535 bytes.
	got := query(t, s, "global sql SELECT hex(zeroblob(32761)) AS x\n")
	if len(got) != 65535 || strings.HasSuffix(got, "\n") {
		t.Fatalf("reply of %d bytes (newline %v), want 65535 without newline", len(got), strings.HasSuffix(got, "\n"))
	}
	// One byte shorter: the newline is added.
	got = query(t, s, "global sql SELECT substr(hex(zeroblob(32761)), 2) AS x\n")
	if len(got) != 65535 || !strings.HasSuffix(got, "\n") {
		t.Fatalf("reply of %d bytes (newline %v), want 65534 + newline", len(got), strings.HasSuffix(got, "\n"))
	}
}
