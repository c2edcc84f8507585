package analysisd

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wazuh-go/server/host/socket"
)

func TestParseMessage(t *testing.T) {
	cases := []struct {
		in, loc, text string
		q             byte
	}{
		{`1:API-Webhook:{"a":"b:c"}`, "API-Webhook", `{"a":"b:c"}`, '1'},
		{`1:API-Webhook:`, "API-Webhook", ``, '1'},
		{`1:C|:\logs|:x:msg`, `C:\logs:x`, "msg", '1'},
		{`1:(agent1) 2001:db8::1->/var/log/syslog:Jan 1 x`, "(agent1) 2001:db8::1->/var/log/syslog", "Jan 1 x", '1'},
	}
	for _, c := range cases {
		m, err := ParseMessage([]byte(c.in))
		if err != nil || m.Queue != c.q || m.Location != c.loc || string(m.Text) != c.text {
			t.Errorf("%q: %+v %v", c.in, m, err)
		}
	}
	for _, bad := range []string{"", "1", "1:", "1:nocolon", "12:x:y", "1::msg", "1:(agent no arrow:x"} {
		if _, err := ParseMessage([]byte(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestArchiveLine(t *testing.T) {
	ts := time.Date(2024, 3, 5, 7, 8, 9, 0, time.Local)
	m := Message{Queue: '1', Location: WebhookLocation, Text: []byte(`{"x":1}`)}
	line, ok := ArchiveLine(ts, "mgr", m)
	if !ok || string(line) != `2024 Mar 05 07:08:09 mgr->API-Webhook {"x":1}` {
		t.Fatalf("%q", line)
	}
	m.Location = "(a1) any->/var/log/syslog"
	if line, _ := ArchiveLine(ts, "mgr", m); string(line) != `2024 Mar 05 07:08:09 (a1) any->/var/log/syslog {"x":1}` {
		t.Fatalf("%q", line)
	}
	if _, ok := ArchiveLine(ts, "mgr", Message{Location: "(a1) any->ossec-keepalive"}); ok {
		t.Fatal("keepalive archived")
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestQueueOverSocket(t *testing.T) {
	root, err := os.MkdirTemp("", "wd")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(root)
	ts := time.Date(2024, 1, 2, 3, 4, 5, 0, time.Local)
	q, err := Start(Config{Root: root, ManagerName: "mgr", Now: func() time.Time { return ts }})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	ctx := context.Background()
	path := filepath.Join(root, SocketPath)

	send := func(b []byte) {
		t.Helper()
		if err := socket.SendDatagram(ctx, path, b); err != nil {
			t.Fatal(err)
		}
	}
	send(EventMessage(`{"event":"one"}`))
	send([]byte("garbage"))
	send([]byte("1:(no arrow:x"))
	// Oversized for the reader (kernel truncates; dropped, not archived).
	big, err := socket.DialDatagramLimit(path, 200000)
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Send(ctx, append([]byte("1:API-Webhook:"), make([]byte, 70000)...)); err != nil {
		t.Fatal(err)
	}
	_ = big.Close()
	send(EventMessage("two\nlines"))
	waitFor(t, "two archived events", func() bool { return q.Stats().Archived == 2 })

	b, err := os.ReadFile(filepath.Join(root, ArchivePath))
	if err != nil {
		t.Fatal(err)
	}
	want := "2024 Jan 02 03:04:05 mgr->API-Webhook {\"event\":\"one\"}\n" +
		"2024 Jan 02 03:04:05 mgr->API-Webhook two\\nlines\n"
	if string(b) != want {
		t.Fatalf("archive:\n%s", b)
	}
	st := q.Stats()
	if st.Invalid != 2 || st.Socket.Truncated != 1 {
		t.Fatalf("stats %+v", st)
	}
	// The sender refuses what analysisd would refuse (> 65535 bytes).
	if err := socket.SendDatagram(ctx, path, []byte(strings.Repeat("x", 65536))); err == nil {
		t.Fatal("oversized datagram sent")
	}
}

func TestStartRemovesStaleSocketAndRefusesLiveOne(t *testing.T) {
	root, err := os.MkdirTemp("", "wd")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(root)
	path := filepath.Join(root, SocketPath)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	stale, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	_ = stale.Close() // leaves the socket file behind
	q, err := Start(Config{Root: root})
	if err != nil {
		t.Fatalf("stale socket not replaced: %v", err)
	}
	defer q.Close()
	if _, err := Start(Config{Root: root}); err == nil {
		t.Fatal("second queue bound the same live socket")
	}
	if err := socket.SendDatagram(context.Background(), path, EventMessage("still-served")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "event", func() bool { return q.Stats().Archived == 1 })
}
