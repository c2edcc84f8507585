package app

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/layout"
	"github.com/wazuh-go/server/host/services"
	"github.com/wazuh-go/server/host/socket"
	"github.com/wazuh-go/server/sdk"
)

// fakeDaemon serves one framed stream socket at path, answering every
// request with "ok <request>".
func fakeDaemon(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				for {
					req, err := socket.ReadFrame(c, socket.MaxFrameBytes)
					if err != nil {
						return
					}
					if socket.WriteFrame(c, append([]byte("ok "), req...)) != nil {
						return
					}
				}
			}()
		}
	}()
}

// Agent 000's daemon sockets reach the daemons at Wazuh's paths (attached
// mode), and a daemon that is not running is Wazuh's connection error at
// once: 1013 without a socket file, 1121 for a stale one.
func TestSocketTableReachesTheManagerDaemons(t *testing.T) {
	root := layout.Root(t.TempDir())
	fakeDaemon(t, root.Path("queue/sockets/logcollector"))
	fakeDaemon(t, root.Path("queue/db/wdb"))
	stale := root.Path("queue/sockets/analysis")
	ln, err := net.Listen("unix", stale)
	if err != nil {
		t.Fatal(err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	_ = ln.Close()

	names := []string{"analysis", "agentless", "auth", "com", "csyslog", "integrator", "logcollector", "mail", "monitor", "remote", "syscheck", "wdb", "wmodules"}
	b := &services.Backends{Root: string(root), Sockets: socketTable(root, true), Logger: hclog.NewNullLogger()}
	h := services.New(b, "agent", sdk.Capabilities{Sockets: names})
	ctx := context.Background()
	if out, err := h.SendSocket(ctx, "logcollector", []byte("getconfig files")); err != nil || string(out) != "ok getconfig files" {
		t.Fatalf("logcollector: %q %v", out, err)
	}
	if out, err := h.SendSocket(ctx, "wdb", []byte(`{"version":1,"command":"getconfig"}`)); err != nil || string(out) != `ok {"version":1,"command":"getconfig"}` {
		t.Fatalf("wdb json: %q %v", out, err)
	}
	if _, err := h.SendSocket(ctx, "wdb", []byte("global sql DELETE FROM agent")); !errors.Is(err, sdk.ErrCapability) {
		t.Fatalf("wdb text command must go through QueryWDB: %v", err)
	}
	for name, code := range map[string]int{"analysis": 1121, "syscheck": 1013, "wmodules": 1013, "remote": 1013, "monitor": 1013} {
		start := time.Now()
		_, err := h.SendSocket(ctx, name, []byte("getstate"))
		var we *sdk.Error
		if !errors.As(err, &we) || we.Code != code || time.Since(start) > 2*time.Second {
			t.Errorf("%s: %v after %v, want code %d at once", name, err, time.Since(start), code)
		}
	}
}

// Attached, a send to authd first checks wazuh-authd's pid files as Wazuh
// does: 1726 when it is not running; once a pid file names a live process,
// the socket itself decides (here none listens: 1013). Embedded, authd
// runs in-process and no check applies.
func TestAttachedAuthdChecksItsPidFiles(t *testing.T) {
	root := layout.Root(t.TempDir())
	if err := os.MkdirAll(root.Path("var/run"), 0o750); err != nil {
		t.Fatal(err)
	}
	send := func(attached bool) int {
		b := &services.Backends{Root: string(root), Sockets: socketTable(root, attached), Logger: hclog.NewNullLogger()}
		_, err := services.New(b, "agent", sdk.Capabilities{Sockets: []string{"auth"}}).SendSocket(context.Background(), "auth", []byte(`{"function":"add"}`))
		var we *sdk.Error
		if !errors.As(err, &we) {
			t.Fatalf("want a Wazuh error, got %v", err)
		}
		return we.Code
	}
	if code := send(true); code != 1726 {
		t.Fatalf("authd without pid file: %d, want 1726", code)
	}
	if code := send(false); code != 1013 {
		t.Fatalf("embedded: %d, want the connection error 1013", code)
	}
	pid := strconv.Itoa(os.Getpid())
	if err := os.WriteFile(root.Path("var/run/wazuh-authd-"+pid+".pid"), nil, 0o640); err != nil {
		t.Fatal(err)
	}
	if code := send(true); code != 1013 {
		t.Fatalf("authd running, socket missing: %d, want 1013", code)
	}
}
