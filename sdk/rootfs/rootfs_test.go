package rootfs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

func TestSymlinksCannotEscapeTheRoot(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("s"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "etc", "shared"), 0o750); err != nil {
		t.Fatal(err)
	}
	_ = os.Symlink(filepath.Join(outside, "secret"), filepath.Join(root, "etc", "shared", "file-link"))
	_ = os.Symlink(outside, filepath.Join(root, "etc", "shared", "dir-link"))
	f := New(root, []string{"etc/shared"})
	ctx := context.Background()
	for _, p := range []string{"etc/shared/file-link", "etc/shared/dir-link/secret"} {
		if _, err := f.Read(ctx, p); !errors.Is(err, ErrOutsideGrant) {
			t.Fatalf("%s: want ErrOutsideGrant, got %v", p, err)
		}
	}
	if err := f.Write(ctx, "etc/shared/dir-link/new", []byte("x"), 0o600); !errors.Is(err, ErrOutsideGrant) {
		t.Fatalf("write through a symlinked dir: %v", err)
	}
	if _, err := os.Stat(filepath.Join(outside, "new")); err == nil {
		t.Fatal("a file was written outside the root")
	}
}

func TestGrantAndTraversal(t *testing.T) {
	f := New(t.TempDir(), []string{"etc/shared"})
	for _, p := range []string{"", "/etc/shared", "etc/shared/../x", "etc", "etc/sharedx", "etc\\shared"} {
		if _, err := f.resolve(p); !errors.Is(err, ErrOutsideGrant) {
			t.Fatalf("%q: %v", p, err)
		}
	}
	if _, err := f.Stat(context.Background(), "etc/shared/none"); !errors.Is(err, sdk.ErrNotFound) {
		t.Fatalf("missing: %v", err)
	}
}

// Names longer than NAME_MAX and paths through a regular file cannot exist:
// they are sdk.ErrNotFound (Wazuh's "does not exist"), not an internal error.
func TestImpossiblePathsAreNotFound(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "etc", "shared", "g"), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "etc", "shared", "g", "agent.conf"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := New(root, []string{"etc/shared"})
	ctx := context.Background()
	long := "etc/shared/" + strings.Repeat("a", 300)
	for _, p := range []string{long, long + "/agent.conf", "etc/shared/g/agent.conf/x"} {
		if _, err := f.Stat(ctx, p); !errors.Is(err, sdk.ErrNotFound) {
			t.Fatalf("stat %s: %v", p[:40], err)
		}
		if _, err := f.Read(ctx, p); !errors.Is(err, sdk.ErrNotFound) {
			t.Fatalf("read %s: %v", p[:40], err)
		}
		if _, err := f.List(ctx, p); !errors.Is(err, sdk.ErrNotFound) {
			t.Fatalf("list %s: %v", p[:40], err)
		}
	}
}
