package rbac

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/wazuh-go/server/sdk"
)

// templateDB is a database seeded once with the real defaults (werkzeug
// scrypt cost included); tests open copies of it.
var templateDB string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "rbac-template-")
	if err != nil {
		panic(err)
	}
	templateDB = filepath.Join(dir, "rbac.db")
	s, err := Open(templateDB, Options{})
	if err != nil {
		panic(err)
	}
	if err := s.Close(); err != nil {
		panic(err)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// testClock is a settable clock.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *testClock) Unix() int64 { return c.Now().Unix() }

// testStart is the clock's initial time.
var testStart = time.Unix(1_700_000_000, 0)

// newTestStore opens a copy of the seeded template with a cheap scrypt cost
// for new passwords and a controllable clock.
func newTestStore(t *testing.T) (*Store, *testClock) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rbac.db")
	copyFile(t, templateDB, path)
	clk := &testClock{t: testStart}
	s, err := Open(path, Options{ScryptN: 16, Now: clk.Now})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, clk
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o640)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

var bg = context.Background()

// wantCode asserts that err is the Wazuh error code.
func wantCode(t *testing.T, err error, code int) {
	t.Helper()
	var werr *sdk.Error
	if !errors.As(err, &werr) || werr.Code != code {
		t.Fatalf("got error %v, want Wazuh code %d", err, code)
	}
}

// wantFailed asserts the failures of a result, as (id, code) pairs in order.
func wantFailed[T any](t *testing.T, r Result[T], pairs ...any) {
	t.Helper()
	if len(r.Failed) != len(pairs)/2 {
		t.Fatalf("failed = %v, want %v", failures(r), pairs)
	}
	for i := 0; i < len(pairs); i += 2 {
		f := r.Failed[i/2]
		if f.ID != pairs[i] || f.Err.Code != pairs[i+1] {
			t.Fatalf("failed = %v, want %v", failures(r), pairs)
		}
	}
}

func failures[T any](r Result[T]) []any {
	var out []any
	for _, f := range r.Failed {
		out = append(out, f.ID, f.Err.Code)
	}
	return out
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

// mkUser creates a user with a valid password and returns its id.
func mkUser(t *testing.T, s *Store, name string) int {
	t.Helper()
	r, err := s.CreateUser(bg, name, "Wazuh12!")
	if err != nil || len(r.Items) != 1 {
		t.Fatalf("CreateUser(%s): %v %v", name, err, failures(r))
	}
	return r.Items[0].ID
}

// mkRole creates a role and returns its id.
func mkRole(t *testing.T, s *Store, name string) int {
	t.Helper()
	r, err := s.CreateRole(bg, name)
	if err != nil || len(r.Items) != 1 {
		t.Fatalf("CreateRole(%s): %v %v", name, err, failures(r))
	}
	return r.Items[0].ID
}

// mkPolicy creates a policy and returns its id.
func mkPolicy(t *testing.T, s *Store, name, body string) int {
	t.Helper()
	r, err := s.CreatePolicy(bg, name, []byte(body))
	if err != nil || len(r.Items) != 1 {
		t.Fatalf("CreatePolicy(%s): %v %v", name, err, failures(r))
	}
	return r.Items[0].ID
}

// mkRule creates a security rule and returns its id.
func mkRule(t *testing.T, s *Store, name, body string) int {
	t.Helper()
	r, err := s.CreateRule(bg, name, []byte(body))
	if err != nil || len(r.Items) != 1 {
		t.Fatalf("CreateRule(%s): %v %v", name, err, failures(r))
	}
	return r.Items[0].ID
}
