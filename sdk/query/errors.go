package query

import (
	"net/http"

	"github.com/wazuh-go/server/sdk"
)

// wazuhError builds the catalogue error for code with Wazuh's
// "<message>: <extra>" composition. Unlike sdk.NewError it does not trim
// extra: WazuhException formats it verbatim (only the problem+json
// renderer collapses whitespace later).
func wazuhError(code int, extra string) *sdk.Error {
	e := sdk.NewError(code)
	if extra != "" {
		e.Message += ": " + extra
	}
	return e
}

// internalError is what Wazuh answers when a Python exception escapes the
// framework function (KeyError, ValueError, TypeError in process_array): the
// DAPI re-wraps it as WazuhInternalError(1000) without extra message; the
// Python text only goes to dapi_errors/logs, which *sdk.Error cannot carry.
func internalError() *sdk.Error {
	return sdk.NewError(1000)
}

// wdbRequestError is code 2003, the error Wazuh raises when wazuh-db answers
// "err …" to the SQL the framework built (here: WQL that renders malformed
// SQL). 2003 belongs to the wazuh-db layer's catalogue; when it is not
// registered the entry of exception.py is used so this package never panics
// on a duplicate registration.
func wdbRequestError(detail string) *sdk.Error {
	if _, ok := sdk.LookupError(2003); ok {
		return wazuhError(2003, detail)
	}
	return &sdk.Error{
		Code:        2003,
		HTTPStatus:  http.StatusBadRequest,
		Message:     "Error in wazuhdb request: " + detail,
		Remediation: "Make sure the request is correct",
	}
}
