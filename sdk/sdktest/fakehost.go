package sdktest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/rootfs"
)

// FakeHost implements sdk.Host for tests: wazuh-db answers come from
// registered handlers, socket sends are recorded, files live in a temporary
// directory, and every call is checked against Granted like the host does.
type FakeHost struct {
	// Granted limits what the module may call, as the host would.
	Granted sdk.Capabilities
	// Config answers GetConfig by key.
	Config map[string]json.RawMessage

	mu     sync.Mutex
	wdb    []wdbHandler
	socket map[string]func([]byte) ([]byte, error)
	calls  []Call
	files  *rootfs.Files
}

// Call is one recorded host call.
type Call struct {
	// Kind is "wdb", "socket" or "config".
	Kind string
	// Target is the wdb command, socket name or config key.
	Target string
	// Payload is what was sent to a socket.
	Payload []byte
}

type wdbHandler struct {
	prefix string
	fn     func(command string) (json.RawMessage, error)
}

// NewFakeHost returns a FakeHost granting caps, with files under t.TempDir().
func NewFakeHost(t testing.TB, caps sdk.Capabilities) *FakeHost {
	return &FakeHost{Granted: caps, Config: map[string]json.RawMessage{}, socket: map[string]func([]byte) ([]byte, error){}, files: rootfs.New(t.TempDir(), caps.Files)}
}

// OnWDB answers commands starting with prefix with payload.
func (f *FakeHost) OnWDB(prefix string, payload string) {
	f.OnWDBFunc(prefix, func(string) (json.RawMessage, error) { return json.RawMessage(payload), nil })
}

// OnWDBFunc answers commands starting with prefix with fn. Later
// registrations take precedence.
func (f *FakeHost) OnWDBFunc(prefix string, fn func(command string) (json.RawMessage, error)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.wdb = append([]wdbHandler{{prefix, fn}}, f.wdb...)
}

// OnSocket answers sends to socket with fn.
func (f *FakeHost) OnSocket(socket string, fn func(payload []byte) ([]byte, error)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.socket[socket] = fn
}

// Calls returns the recorded calls in order.
func (f *FakeHost) Calls() []Call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

func (f *FakeHost) record(c Call) {
	f.mu.Lock()
	f.calls = append(f.calls, c)
	f.mu.Unlock()
}

func (f *FakeHost) wdbHandlerFor(command string) (func(string) (json.RawMessage, error), error) {
	target, _, _ := strings.Cut(command, " ")
	if !slices.Contains(f.Granted.WDB, target) {
		return nil, fmt.Errorf("wdb target %q: %w", target, sdk.ErrCapability)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, h := range f.wdb {
		if strings.HasPrefix(command, h.prefix) {
			return h.fn, nil
		}
	}
	return nil, fmt.Errorf("sdktest: no wdb answer registered for %q", command)
}

// QueryWDB implements sdk.Host.
func (f *FakeHost) QueryWDB(_ context.Context, command string) (json.RawMessage, error) {
	f.record(Call{Kind: "wdb", Target: command})
	fn, err := f.wdbHandlerFor(command)
	if err != nil {
		return nil, err
	}
	return fn(command)
}

// StreamWDB implements sdk.Host: the registered answer is one page.
func (f *FakeHost) StreamWDB(ctx context.Context, command string, fn func(json.RawMessage) error) error {
	page, err := f.QueryWDB(ctx, command)
	if err != nil {
		return err
	}
	return fn(page)
}

// SendSocket implements sdk.Host.
func (f *FakeHost) SendSocket(_ context.Context, socket string, payload []byte) ([]byte, error) {
	f.record(Call{Kind: "socket", Target: socket, Payload: slices.Clone(payload)})
	if !slices.Contains(f.Granted.Sockets, socket) {
		return nil, fmt.Errorf("socket %q: %w", socket, sdk.ErrCapability)
	}
	f.mu.Lock()
	fn := f.socket[socket]
	f.mu.Unlock()
	if fn == nil {
		return nil, nil
	}
	return fn(payload)
}

// GetConfig implements sdk.Host.
func (f *FakeHost) GetConfig(_ context.Context, key string) (json.RawMessage, error) {
	f.record(Call{Kind: "config", Target: key})
	v, ok := f.Config[key]
	if !ok {
		return nil, fmt.Errorf("config key %q: %w", key, sdk.ErrNotFound)
	}
	return v, nil
}

// Files implements sdk.Host.
func (f *FakeHost) Files() sdk.Files { return f.files }

// Root is the directory FakeHost's files live in.
func (f *FakeHost) Root() string { return f.files.Root }
