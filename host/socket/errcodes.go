package socket

import (
	"net/http"

	"github.com/wazuh-go/server/sdk"
)

// Wazuh error codes raised by the socket transports (framework
// wazuh_socket.py and common.py).
const (
	// CodeConnect is 1013, "Unable to connect with socket".
	CodeConnect = 1013
	// CodeCommunicate is 1014, "Error communicating with socket".
	CodeCommunicate = 1014
	// CodeNotAvailable is 1121, "Error connecting with socket" (the socket
	// exists but nobody accepts on it).
	CodeNotAvailable = 1121
	// CodeQueryTooLong is 1123, a request larger than one 64 KiB frame.
	CodeQueryTooLong = 1123
)

func init() {
	sdk.RegisterErrors(map[int]sdk.ErrorInfo{
		CodeConnect: {
			Message:     "Unable to connect with socket",
			Remediation: "Please, restart Wazuh to restore sockets",
			Status:      http.StatusInternalServerError,
		},
		CodeCommunicate: {
			Message:     "Error communicating with socket",
			Remediation: "Please, restart Wazuh to restore sockets",
			Status:      http.StatusInternalServerError,
		},
		CodeNotAvailable: {
			Message:     "Error connecting with socket",
			Remediation: "Please ensure the selected module is running and properly configured",
			Status:      http.StatusInternalServerError,
		},
		CodeQueryTooLong: {
			Message: "Query too long, maximum 64 KB",
			Status:  http.StatusInternalServerError,
		},
	})
}
