package socket

import (
	"errors"
	"fmt"
	"syscall"

	"github.com/wazuh-go/server/sdk"
)

// wazuhErr wraps cause with the catalogue error for code, so callers can use
// errors.As(err, *sdk.Error) for the Wazuh code and errors.Is for the cause
// (io.EOF, os.ErrDeadlineExceeded, ErrFrameTooLarge, ...).
func wazuhErr(code int, path string, cause error) error {
	return fmt.Errorf("%w: %w", sdk.NewError(code, path), cause)
}

// dialError maps a dial failure to Wazuh's codes: a socket that exists but
// refuses connections is 1121, anything else (missing file, permissions,
// timeout) is 1013.
func dialError(path string, err error) error {
	if errors.Is(err, syscall.ECONNREFUSED) {
		return wazuhErr(CodeNotAvailable, path, err)
	}
	return wazuhErr(CodeConnect, path, err)
}

// ioError maps a failure while exchanging frames. Oversized requests are
// 1123; everything else is 1014.
func ioError(path string, err error) error {
	if errors.Is(err, ErrFrameTooLarge) && errors.Is(err, errRequest) {
		return wazuhErr(CodeQueryTooLong, path, err)
	}
	return wazuhErr(CodeCommunicate, path, err)
}

// errRequest marks errors that happened while sending a request.
var errRequest = errors.New("socket: request")
