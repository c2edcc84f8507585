package pluginhost

import (
	"errors"
	"net/http"

	"github.com/wazuh-go/server/sdk"
	hostv1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/host/v1"
)

// fileNotFoundCode is Wazuh's 1006 "File/directory does not exist or there
// is a problem with the permissions", the code a missing path travels as.
const fileNotFoundCode = 1006

// hostErrorToWire maps a host service error to a HostError. An *sdk.Error
// keeps its code; sdk.ErrNotFound becomes 1006 and sdk.ErrCapability 1000,
// each with its flag set so that the module side can wrap the sentinel
// again; any other error is Wazuh's internal error 1000.
func hostErrorToWire(err error) *hostv1.HostError {
	if err == nil {
		return nil
	}
	notFound, capability := errors.Is(err, sdk.ErrNotFound), errors.Is(err, sdk.ErrCapability)
	var we *sdk.Error
	if !errors.As(err, &we) {
		we = &sdk.Error{Code: 1000, HTTPStatus: http.StatusInternalServerError, Message: err.Error()}
		if notFound {
			we = &sdk.Error{Code: fileNotFoundCode, HTTPStatus: http.StatusBadRequest, Message: err.Error()}
		}
	}
	return &hostv1.HostError{Code: int32(we.Code), HttpStatus: int32(we.Status()), Message: we.Message,
		Remediation: we.Remediation, NotFound: notFound, Capability: capability}
}

// hostErrorFromWire rebuilds a host service error: an *sdk.Error, which
// also matches sdk.ErrNotFound or sdk.ErrCapability under errors.Is when
// the host flagged it. A host older than protocol minor 3 sends no flags;
// its 1006 is the not-found it used to flatten, so it matches
// sdk.ErrNotFound too.
func hostErrorFromWire(w *hostv1.HostError) error {
	if w == nil {
		return nil
	}
	we := &sdk.Error{Code: int(w.GetCode()), HTTPStatus: int(w.GetHttpStatus()), Message: w.GetMessage(), Remediation: w.GetRemediation()}
	var sentinels []error
	if w.GetNotFound() || we.Code == fileNotFoundCode {
		sentinels = append(sentinels, sdk.ErrNotFound)
	}
	if w.GetCapability() {
		sentinels = append(sentinels, sdk.ErrCapability)
	}
	if sentinels == nil {
		return we
	}
	return &sentinelError{wazuh: we, sentinels: sentinels}
}

// sentinelError is an *sdk.Error that also wraps sdk sentinels:
// errors.As finds the *sdk.Error, errors.Is the sentinels.
type sentinelError struct {
	wazuh     *sdk.Error
	sentinels []error
}

// Error implements error with the Wazuh error's text.
func (e *sentinelError) Error() string { return e.wazuh.Error() }

// Unwrap returns the Wazuh error followed by the sentinels.
func (e *sentinelError) Unwrap() []error { return append([]error{e.wazuh}, e.sentinels...) }
