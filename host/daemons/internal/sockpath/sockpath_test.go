package sockpath

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPrepare(t *testing.T) {
	dir, err := os.MkdirTemp("", "sp")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)

	if err := Prepare(filepath.Join(dir, strings.Repeat("x", 120)), "unix", 0o750); !errors.Is(err, ErrTooLong) {
		t.Fatalf("long path: %v", err)
	}
	regular := filepath.Join(dir, "file")
	if err := os.WriteFile(regular, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Prepare(regular, "unix", 0o750); !errors.Is(err, ErrNotSocket) {
		t.Fatalf("regular file: %v", err)
	}
	if _, err := os.Stat(regular); err != nil {
		t.Fatal("regular file removed")
	}

	sock := filepath.Join(dir, "sub", "s")
	if err := Prepare(sock, "unix", 0o750); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	if err := Prepare(sock, "unix", 0o750); !errors.Is(err, ErrInUse) {
		t.Fatalf("live socket: %v", err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	_ = ln.Close()
	if err := Prepare(sock, "unix", 0o750); err != nil {
		t.Fatalf("stale socket: %v", err)
	}
	if _, err := os.Stat(sock); !os.IsNotExist(err) {
		t.Fatal("stale socket kept")
	}
	if err := Remove(sock); err != nil {
		t.Fatal(err)
	}
}
