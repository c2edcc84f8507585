package services

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/socket"
	"github.com/wazuh-go/server/sdk"
)

type recordingWDB struct{ commands []string }

func (r *recordingWDB) Query(_ context.Context, command string) (json.RawMessage, error) {
	r.commands = append(r.commands, command)
	return json.RawMessage(`[{"n": 1}]`), nil
}

func (r *recordingWDB) Stream(_ context.Context, command string, fn func(json.RawMessage) error) error {
	r.commands = append(r.commands, command)
	return fn(json.RawMessage(`[]`))
}

func newBackends(t *testing.T) (*Backends, *recordingWDB) {
	dir, err := os.MkdirTemp("", "svc")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	w := &recordingWDB{}
	return &Backends{
		WDB: w, Root: dir, Logger: hclog.NewNullLogger(),
		Sockets: map[string]Socket{"auth": {Path: filepath.Join(dir, "auth")}, "ar": {Path: filepath.Join(dir, "ar"), Datagram: true}},
		Config:  func(key string) (json.RawMessage, error) { return json.RawMessage(`"node01"`), nil },
	}, w
}

func TestWDBTargetsAreLimitedToTheGrant(t *testing.T) {
	b, w := newBackends(t)
	h := New(b, "agent", sdk.Capabilities{WDB: []string{"global"}})
	if _, err := h.QueryWDB(context.Background(), "global sql SELECT 1"); err != nil {
		t.Fatalf("granted target: %v", err)
	}
	for _, cmd := range []string{"agent 1 sql SELECT 1", "task sql SELECT 1", "  mitre sql x", "wazuhdb remove 1"} {
		if _, err := h.QueryWDB(context.Background(), cmd); !errors.Is(err, sdk.ErrCapability) {
			t.Fatalf("%q: want ErrCapability, got %v", cmd, err)
		}
	}
	if err := h.StreamWDB(context.Background(), "agent 1 sql SELECT 1", func(json.RawMessage) error { return nil }); !errors.Is(err, sdk.ErrCapability) {
		t.Fatalf("stream outside grant: %v", err)
	}
	if len(w.commands) != 1 {
		t.Fatalf("denied commands must never reach wazuh-db: %v", w.commands)
	}
}

func TestSocketsAreLimitedToTheGrantAndFramed(t *testing.T) {
	b, _ := newBackends(t)
	ln, err := net.Listen("unix", b.Sockets["auth"].Path)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		req, err := socket.ReadFrame(c, socket.MaxFrameBytes)
		if err != nil {
			return
		}
		_ = socket.WriteFrame(c, append([]byte("echo:"), req...))
	}()
	h := New(b, "agent", sdk.Capabilities{Sockets: []string{"auth"}})
	got, err := h.SendSocket(context.Background(), "auth", []byte(`{"function":"get"}`))
	if err != nil || string(got) != `echo:{"function":"get"}` {
		t.Fatalf("auth: %q %v", got, err)
	}
	if _, err := h.SendSocket(context.Background(), "ar", []byte("x")); !errors.Is(err, sdk.ErrCapability) {
		t.Fatalf("ungranted socket: %v", err)
	}
}

func TestFilesAreLimitedToGrantedDirectories(t *testing.T) {
	b, _ := newBackends(t)
	h := New(b, "agent", sdk.Capabilities{Files: []string{"etc/shared"}})
	ctx := context.Background()
	if err := h.Files().MkDir(ctx, "etc/shared/g1", 0o770); err != nil {
		t.Fatal(err)
	}
	if err := h.Files().Write(ctx, "etc/shared/g1/agent.conf", []byte("<agent_config/>"), 0o660); err != nil {
		t.Fatal(err)
	}
	if data, err := h.Files().Read(ctx, "etc/shared/g1/agent.conf"); err != nil || string(data) != "<agent_config/>" {
		t.Fatalf("read back: %q %v", data, err)
	}
	for _, p := range []string{"etc/client.keys", "etc/shared/../client.keys", "/etc/passwd", "etc/sharedx/a"} {
		if _, err := h.Files().Read(ctx, p); err == nil {
			t.Fatalf("%q must be refused", p)
		}
	}
	if _, err := h.Files().Read(ctx, "etc/shared/missing"); !errors.Is(err, sdk.ErrNotFound) {
		t.Fatalf("missing file: %v", err)
	}
}
