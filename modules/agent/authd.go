package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// authd error codes the API maps to its own (host/daemons/apierrors.go,
// framework Agent._add_authd).
const (
	authdDuplicateIP   = 9007
	authdDuplicateName = 9008
	authdDuplicateID   = 9012
)

// authdReply is authd's answer: {"error":0,"data":...} or
// {"error":90xx,"message":...}.
type authdReply struct {
	Error   int             `json:"error"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// authdError is a refusal from authd.
type authdError struct {
	code int
	msg  string
}

func (e *authdError) Error() string { return fmt.Sprintf("Error %d - %s", e.code, e.msg) }

// callAuthd sends one request to authd. A socket that cannot be reached is
// Wazuh's "authd is not running" (1726).
func (m *Module) callAuthd(ctx context.Context, function string, args any) (json.RawMessage, error) {
	body, err := json.Marshal(struct {
		Function  string `json:"function"`
		Arguments any    `json:"arguments"`
	}{function, args})
	if err != nil {
		return nil, fmt.Errorf("agent: encode authd request: %w", err)
	}
	out, err := m.host.SendSocket(ctx, "auth", body)
	if err != nil {
		// The host answers Wazuh's own errors: 1726 when authd does not
		// run (per its pid files, attached), 1013/1014 when it runs but its
		// socket fails. Anything else (no grant, no socket table entry)
		// reads as authd not running.
		var we *sdk.Error
		if errors.As(err, &we) && we.Code != 0 {
			return nil, we
		}
		m.log.Warn("authd unreachable", "error", err)
		return nil, sdk.NewError(1726)
	}
	var r authdReply
	if err := json.Unmarshal(out, &r); err != nil {
		return nil, sdk.NewError(1725, fmt.Sprintf("invalid authd reply: %v", err))
	}
	if r.Error != 0 {
		return nil, &authdError{code: r.Error, msg: r.Message}
	}
	return r.Data, nil
}

// forceJSON is the "force" object of an add request.
type forceJSON struct {
	Enabled          bool `json:"enabled"`
	DisconnectedTime struct {
		Enabled bool   `json:"enabled"`
		Value   string `json:"value"`
	} `json:"disconnected_time"`
	AfterRegistrationTime string `json:"after_registration_time"`
	KeyMismatch           bool   `json:"key_mismatch"`
}

// defaultForce is what the API sends without a "force" object; a given
// object starts from the same values with enabled true.
func defaultForce(enabled bool) forceJSON {
	f := forceJSON{Enabled: enabled, AfterRegistrationTime: "1h", KeyMismatch: true}
	f.DisconnectedTime.Enabled, f.DisconnectedTime.Value = true, "1h"
	return f
}

// addArgs are the arguments of authd's "add".
type addArgs struct {
	Name  string    `json:"name"`
	IP    string    `json:"ip"`
	ID    string    `json:"id,omitempty"`
	Key   string    `json:"key,omitempty"`
	Force forceJSON `json:"force"`
}

// registered is authd's add reply data.
type registered struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	IP   string `json:"ip"`
	Key  string `json:"key"`
}

// validateAdd runs the framework's checks before authd: name length
// (1738), ip "any"/IP/CIDR (1706), key length (1709).
func validateAdd(name, ip, key string) *sdk.Error {
	if len(name) > 128 {
		return sdk.NewError(1738)
	}
	if !validIP(ip) {
		return sdk.NewError(1706, ip)
	}
	if key != "" && len(key) < 64 {
		return sdk.NewError(1709)
	}
	return nil
}

func validIP(ip string) bool {
	if strings.EqualFold(ip, "any") {
		return true
	}
	if strings.Contains(ip, "/") {
		_, _, err := net.ParseCIDR(ip)
		return err == nil
	}
	return net.ParseIP(ip) != nil
}

// register adds an agent through authd, mapping its refusals as
// Agent._add_authd does: 9008 → 1705, 9007 → 1706, 9012 → 1708, others
// 1725 "Error <code> - <message>".
func (m *Module) register(ctx context.Context, a addArgs) (*registered, error) {
	if err := validateAdd(a.Name, a.IP, a.Key); err != nil {
		return nil, err
	}
	data, err := m.callAuthd(ctx, "add", a)
	var ae *authdError
	switch {
	case errors.As(err, &ae):
		switch ae.code {
		case authdDuplicateName:
			return nil, sdk.NewError(1705, a.Name)
		case authdDuplicateIP:
			return nil, sdk.NewError(1706, a.IP)
		case authdDuplicateID:
			return nil, sdk.NewError(1708, a.ID)
		}
		return nil, sdk.NewError(1725, ae.Error())
	case err != nil:
		return nil, err
	}
	var r registered
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, sdk.NewError(1725, fmt.Sprintf("invalid authd reply: %v", err))
	}
	return &r, nil
}

// unregister removes an agent through authd (1757 on refusal).
func (m *Module) unregister(ctx context.Context, id string, purge bool) error {
	_, err := m.callAuthd(ctx, "remove", map[string]any{"id": id, "purge": purge})
	var ae *authdError
	if errors.As(err, &ae) {
		return sdk.NewError(1757, ae.Error())
	}
	return err
}
