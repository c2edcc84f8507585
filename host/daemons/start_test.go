package daemons

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wazuh-go/server/host/daemons/activeresponse"
	"github.com/wazuh-go/server/host/daemons/analysisd"
	"github.com/wazuh-go/server/host/daemons/authd"
	"github.com/wazuh-go/server/host/socket"
)

type nopWDB struct{ n int }

func (w *nopWDB) Exec(context.Context, string) (string, []byte, error) {
	w.n++
	return "ok", []byte("[]"), nil
}

func shortRoot(t *testing.T) string {
	t.Helper()
	root, err := os.MkdirTemp("", "wd")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(root) })
	return root
}

func TestStartServesAllSockets(t *testing.T) {
	root := shortRoot(t)
	ctx := context.Background()
	stop, err := Start(ctx, root, &nopWDB{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	socks := []string{AuthSocketPath, analysisd.SocketPath, activeresponse.ARSocketPath, activeresponse.ExecqSocketPath}
	for _, s := range socks {
		fi, err := os.Stat(filepath.Join(root, s))
		if err != nil || fi.Mode()&os.ModeSocket == 0 || fi.Mode().Perm() != 0o660 {
			t.Fatalf("%s: %v %v", s, fi, err)
		}
	}
	a, err := authd.AddAgent(ctx, filepath.Join(root, AuthSocketPath), authd.AddArgs{Name: "a1", IP: "any"})
	if err != nil || a.ID != "001" {
		t.Fatalf("add: %+v %v", a, err)
	}
	if err := socket.SendDatagram(ctx, filepath.Join(root, analysisd.SocketPath), analysisd.EventMessage("e")); err != nil {
		t.Fatal(err)
	}
	if serr := SendExecq(ctx, filepath.Join(root, activeresponse.ExecqSocketPath), []byte(activeresponse.ManagerRestartMessage("API"))); serr != nil {
		t.Fatal(serr)
	}
	waitFile(t, filepath.Join(root, analysisd.ArchivePath), "->API-Webhook e\n")
	waitFile(t, filepath.Join(root, activeresponse.LogPath), `execq: {"version": 1`)

	// A second instance must not steal live sockets.
	if _, err := Start(ctx, root, nil, nil); err == nil {
		t.Fatal("second Start succeeded")
	}
	stop()
	stop()
	for _, s := range socks {
		if _, err := os.Stat(filepath.Join(root, s)); !os.IsNotExist(err) {
			t.Errorf("%s left behind: %v", s, err)
		}
	}
}

func TestStartStopsWithContext(t *testing.T) {
	root := shortRoot(t)
	ctx, cancel := context.WithCancel(context.Background())
	d, err := StartConfig(ctx, Config{Root: root, MaxAgents: -1})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(root, AuthSocketPath)); os.IsNotExist(err) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("daemons still running after cancel")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
}

func waitFile(t *testing.T, path, substr string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		b, _ := os.ReadFile(path)
		if strings.Contains(string(b), substr) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %q not found in %q", path, substr, b)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestSendExecqErrors(t *testing.T) {
	root := shortRoot(t)
	path := filepath.Join(root, "execq")
	ctx := context.Background()
	if e := SendExecq(ctx, path, []byte("x")); e == nil || e.Code != CodeExecqMissing || e.Message != "'execq' socket has not been created" {
		t.Fatalf("missing: %+v", e)
	}
	c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	_ = c.Close() // stale socket file: connection refused
	if e := SendExecq(ctx, path, []byte("x")); e == nil || e.Code != CodeExecqConnect || e.Status() != 500 {
		t.Fatalf("refused: %+v", e)
	}
}

func TestAPIErrorMapping(t *testing.T) {
	cases := []struct {
		err  error
		code int
		msg  string
	}{
		{&authd.ProtocolError{Code: authd.CodeDuplicateName, Message: "Duplicate name"}, 1705, "There is an agent with the same name: web1"},
		{&authd.ProtocolError{Code: authd.CodeDuplicateIP, Message: "Duplicate IP"}, 1706, "There is an agent with the same IP or the IP is invalid: 10.0.0.1"},
		{&authd.ProtocolError{Code: authd.CodeDuplicateID, Message: "Duplicate ID"}, 1708, "There is an agent with the same ID: 013"},
		{&authd.ProtocolError{Code: authd.CodeAgentLimit, Message: "Maximum number of agents reached"}, 1725,
			"Error registering a new agent: Error 9013 - Maximum number of agents reached"},
		{errors.New("boom"), 1725, "Error registering a new agent: boom"},
	}
	for _, c := range cases {
		e := AddAgentError(c.err, "web1", "10.0.0.1", "013")
		if e.Code != c.code || e.Message != c.msg {
			t.Errorf("%v: %d %q", c.err, e.Code, e.Message)
		}
	}
	if e := AddAgentError(cases[3].err, "", "", ""); e.Status() != 500 {
		t.Errorf("1725 status %d", e.Status())
	}
	if e := RemoveAgentError(&authd.ProtocolError{Code: 9011, Message: "Agent ID not found"}); e.Code != 1757 || e.Status() != 500 {
		t.Errorf("remove: %+v", e)
	}
	if e := ValidateAddAgent(strings.Repeat("a", 129), "any", ""); e == nil || e.Code != 1738 {
		t.Errorf("long name: %+v", e)
	}
	if e := ValidateAddAgent("a", "300.1.1.1", ""); e == nil || e.Code != 1706 || !strings.HasSuffix(e.Message, ": 300.1.1.1") {
		t.Errorf("bad ip: %+v", e)
	}
	if e := ValidateAddAgent("a", "any", "short"); e == nil || e.Code != 1709 || e.Status() != 400 {
		t.Errorf("short key: %+v", e)
	}
	if e := ValidateAddAgent("a", "10.0.0.0/8", strings.Repeat("k", 64)); e != nil {
		t.Errorf("valid: %+v", e)
	}
}
