package activeresponse

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wazuh-go/server/host/socket"
)

func TestSinkRecordsDatagrams(t *testing.T) {
	root, err := os.MkdirTemp("", "wd")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(root)
	var mu sync.Mutex
	var execq []string
	ts := time.Date(2024, 1, 2, 3, 4, 5, 0, time.Local)
	s, err := Start(Config{Root: root, Now: func() time.Time { return ts }, OnExecq: func(m []byte) {
		mu.Lock()
		execq = append(execq, string(m))
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	arPath, execqPath := filepath.Join(root, ARSocketPath), filepath.Join(root, ExecqSocketPath)
	msgs := []struct{ path, msg string }{
		{arPath, RestartAgentMessage("001", false)},
		{arPath, ReconnectAgentMessage("002")},
		{arPath, "not an ar message"},
		{execqPath, ManagerRestartMessage("API")},
	}
	for _, m := range msgs {
		if err := socket.SendDatagram(ctx, m.path, []byte(m.msg)); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for st := s.Stats(); st.AR != 3 || st.Execq != 1; st = s.Stats() {
		if time.Now().After(deadline) {
			t.Fatalf("stats %+v", st)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if st := s.Stats(); st.Malformed != 1 || st.Failed != 0 {
		t.Fatalf("stats %+v", st)
	}
	b, err := os.ReadFile(filepath.Join(root, LogPath))
	if err != nil {
		t.Fatal(err)
	}
	// The two sockets are read concurrently; compare per-source order.
	want := map[string]bool{
		"2024/01/02 03:04:05 ar: " + msgs[0].msg:    true,
		"2024/01/02 03:04:05 ar: " + msgs[1].msg:    true,
		"2024/01/02 03:04:05 ar: " + msgs[2].msg:    true,
		"2024/01/02 03:04:05 execq: " + msgs[3].msg: true,
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("log:\n%s", b)
	}
	for _, l := range lines {
		if !want[l] {
			t.Errorf("unexpected line %q", l)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(execq) != 1 || execq[0] != msgs[3].msg {
		t.Fatalf("OnExecq got %q", execq)
	}
}
