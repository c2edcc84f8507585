package pluginhost

import (
	"errors"
	"testing"

	"github.com/wazuh-go/server/sdk"
	hostv1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/host/v1"
)

// Errors from hosts before protocol minor 3 carry no flags: their 1006 is
// still a not-found, other codes stay plain Wazuh errors.
func TestHostErrorFromWireWithoutFlags(t *testing.T) {
	err := hostErrorFromWire(&hostv1.HostError{Code: 1006, HttpStatus: 400, Message: "sdk: not found: x"})
	var we *sdk.Error
	if !errors.Is(err, sdk.ErrNotFound) || !errors.As(err, &we) || we.Code != 1006 || err.Error() != "wazuh error 1006: sdk: not found: x" {
		t.Fatalf("1006: %v", err)
	}
	err = hostErrorFromWire(&hostv1.HostError{Code: 1701, HttpStatus: 404, Message: "Agent does not exist"})
	if _, ok := err.(*sdk.Error); !ok || errors.Is(err, sdk.ErrNotFound) || errors.Is(err, sdk.ErrCapability) {
		t.Fatalf("1701: %T %v", err, err)
	}
	if !errors.Is(err, sdk.NewError(1701)) {
		t.Fatal("1701 must still match sdk.Error code comparisons")
	}
	if hostErrorFromWire(nil) != nil || hostErrorToWire(nil) != nil {
		t.Fatal("nil errors")
	}
}
