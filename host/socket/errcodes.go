package socket

import (
	"net/http"

	"github.com/wazuh-go/server/sdk"
)

// Wazuh error codes raised by the socket transports (framework
// wazuh_socket.py and common.py).
const (
	// CodeQueueConnect is 1010, "Unable to connect to queue": the
	// framework's BaseQueue raises it, with the queue path, for any failure
	// to connect to a datagram queue (analysisd's queue, ar).
	CodeQueueConnect = 1010
	// CodeQueueMessage is 1012, "Invalid message to queue", e.g. a message
	// over the 65535-byte datagram limit.
	CodeQueueMessage = 1012
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
	// The 1010/1012 messages are framework exception.py's; the reference
	// lists the codes but not their text.
	sdk.RegisterErrors(map[int]sdk.ErrorInfo{
		CodeQueueConnect: {
			Message: "Unable to connect to queue",
			Status:  http.StatusInternalServerError,
		},
		CodeQueueMessage: {
			Message: "Invalid message to queue",
			Status:  http.StatusBadRequest,
		},
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
