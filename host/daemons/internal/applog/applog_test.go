package applog

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestAppendEscapesAndRotates(t *testing.T) {
	p := filepath.Join(t.TempDir(), "logs", "x.log")
	l, err := Open(p, 20, 0o750)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []string{"a\nb\rc", "0123456789", "z"} {
		if err := l.Append([]byte(r)); err != nil {
			t.Fatal(err)
		}
	}
	cur, _ := os.ReadFile(p)
	old, _ := os.ReadFile(p + ".1")
	if string(old) != "a\\nb\\rc\n0123456789\n" || string(cur) != "z\n" {
		t.Fatalf("old %q current %q", old, cur)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.Append([]byte("late")); !errors.Is(err, ErrClosed) {
		t.Fatalf("append after close: %v", err)
	}
}
