package daemons

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/wazuh-go/server/host/daemons/authd"
	"github.com/wazuh-go/server/host/socket"
	"github.com/wazuh-go/server/sdk"
)

// ValidateAddAgent runs the framework's checks before an add reaches authd:
// name longer than 128 (1738), ip not "any"/IP/CIDR (1706 + ip), key given
// but shorter than 64 characters (1709). It returns nil when all pass.
func ValidateAddAgent(name, ip, key string) *sdk.Error {
	if len(name) > authd.MaxNameLen {
		return sdk.NewError(CodeNameTooLong)
	}
	if !authd.ValidIP(ip) {
		return sdk.NewError(CodeSameIP, ip)
	}
	if key != "" && len(key) < 64 {
		return sdk.NewError(CodeShortKey)
	}
	return nil
}

// AddAgentError maps an authd add failure as Agent._add_authd does: 9008 →
// 1705 + name, 9007 → 1706 + ip, 9012 → 1708 + id, any other authd code →
// 1725 + "Error <code> - <message>", and a transport error → 1725 + error.
func AddAgentError(err error, name, ip, id string) *sdk.Error {
	var pe *authd.ProtocolError
	if !errors.As(err, &pe) {
		return sdk.NewError(CodeRegisterFailed, err.Error())
	}
	switch pe.Code {
	case authd.CodeDuplicateName:
		return sdk.NewError(CodeSameName, name)
	case authd.CodeDuplicateIP:
		return sdk.NewError(CodeSameIP, ip)
	case authd.CodeDuplicateID:
		return sdk.NewError(CodeSameID, id)
	default:
		return sdk.NewError(CodeRegisterFailed, pythonExceptionString(pe))
	}
}

// RemoveAgentError maps an authd remove failure to 1757 with the daemon's
// error as extra message.
func RemoveAgentError(err error) *sdk.Error {
	var pe *authd.ProtocolError
	if errors.As(err, &pe) {
		return sdk.NewError(CodeDeleteAgentFailed, pythonExceptionString(pe))
	}
	return sdk.NewError(CodeDeleteAgentFailed, err.Error())
}

// pythonExceptionString is str(WazuhException): "Error <code> - <message>".
func pythonExceptionString(pe *authd.ProtocolError) string {
	return fmt.Sprintf("Error %d - %s", pe.Code, pe.Message)
}

// SendExecq sends msg to the execq socket at path the way the framework's
// manager restart does: a missing socket file is 1901, a failed connection
// 1902, a failed send 1014 (with the error as extra message).
func SendExecq(ctx context.Context, path string, msg []byte) *sdk.Error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return sdk.NewError(CodeExecqMissing)
	}
	err := socket.SendDatagram(ctx, path, msg)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, socket.ErrDatagramConnect):
		return sdk.NewError(CodeExecqConnect)
	default:
		return sdk.NewError(socket.CodeCommunicate, err.Error())
	}
}
