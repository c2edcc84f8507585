package services

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/socket"
	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/rootfs"
)

// WDB is the host's wazuh-db client as modules need it.
type WDB interface {
	// Query sends one command and returns the payload after "ok".
	Query(ctx context.Context, command string) (json.RawMessage, error)
	// Stream runs a sql command page by page.
	Stream(ctx context.Context, command string, fn func(page json.RawMessage) error) error
}

// WDBSocketName is wazuh-db's socket (queue/db/wdb). Through SendSocket it
// accepts only the JSON com protocol (getconfig, getstats).
const WDBSocketName = "wdb"

// Socket describes one Wazuh socket by logical name.
type Socket struct {
	// Path is the absolute socket path.
	Path string
	// Datagram is true for unix datagram sockets (queue, ar, execq).
	Datagram bool
	// Check, when set, runs before each send: a socket whose daemon is
	// known not to run answers the daemon's Wazuh error at once (attached
	// authd: 1726) instead of a connection error.
	Check func() error
}

// Backends are shared by every module's services.
type Backends struct {
	// WDB reaches wazuh-db.
	WDB WDB
	// Sockets maps logical names to sockets.
	Sockets map[string]Socket
	// Config answers GetConfig for a dotted key.
	Config func(key string) (json.RawMessage, error)
	// Root is the Wazuh root directory.
	Root string
	// Logger records denied calls.
	Logger hclog.Logger
}

// host is one module's view of the backends.
type host struct {
	b       *Backends
	module  string
	granted sdk.Capabilities
	files   *rootfs.Files
}

// New returns the sdk.Host for module with granted capabilities.
func New(b *Backends, module string, granted sdk.Capabilities) sdk.Host {
	return &host{b: b, module: module, granted: granted, files: rootfs.New(b.Root, granted.Files)}
}

func (h *host) deny(kind, what string) error {
	h.b.Logger.Warn("module call outside its granted capabilities", "module", h.module, "kind", kind, "target", what)
	return fmt.Errorf("module %s may not use %s %q: %w", h.module, kind, what, sdk.ErrCapability)
}

func (h *host) checkWDB(command string) error {
	target, _, _ := strings.Cut(strings.TrimSpace(command), " ")
	if !slices.Contains(h.granted.WDB, target) {
		return h.deny("wazuh-db target", target)
	}
	return nil
}

// QueryWDB implements sdk.Host.
func (h *host) QueryWDB(ctx context.Context, command string) (json.RawMessage, error) {
	if err := h.checkWDB(command); err != nil {
		return nil, err
	}
	return h.b.WDB.Query(ctx, command)
}

// StreamWDB implements sdk.Host.
func (h *host) StreamWDB(ctx context.Context, command string, fn func(json.RawMessage) error) error {
	if err := h.checkWDB(command); err != nil {
		return err
	}
	return h.b.WDB.Stream(ctx, command, fn)
}

// SendSocket implements sdk.Host.
func (h *host) SendSocket(ctx context.Context, name string, payload []byte) ([]byte, error) {
	if !slices.Contains(h.granted.Sockets, name) {
		return nil, h.deny("socket", name)
	}
	s, ok := h.b.Sockets[name]
	if !ok {
		return nil, fmt.Errorf("unknown socket %q: %w", name, sdk.ErrNotFound)
	}
	if name == WDBSocketName && !bytes.HasPrefix(payload, []byte("{")) {
		// wazuh-db's socket takes text commands too; those go through
		// QueryWDB and its per-target grant, never around it.
		return nil, h.deny("wazuh-db text command on socket", name)
	}
	if s.Check != nil {
		if err := s.Check(); err != nil {
			return nil, err
		}
	}
	if s.Datagram {
		return nil, socket.SendDatagram(ctx, s.Path, payload)
	}
	conn, err := socket.Dial(ctx, s.Path, 0)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return conn.Request(ctx, payload)
}

// GetConfig implements sdk.Host.
func (h *host) GetConfig(_ context.Context, key string) (json.RawMessage, error) {
	return h.b.Config(key)
}

// Files implements sdk.Host.
func (h *host) Files() sdk.Files { return h.files }
