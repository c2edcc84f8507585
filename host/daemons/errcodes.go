package daemons

import (
	"net/http"

	"github.com/wazuh-go/server/sdk"
)

// Wazuh API error codes raised around agent registration and the execq
// socket (framework/wazuh/core/exception.py).
const (
	CodeSameName          = 1705 // There is an agent with the same name
	CodeSameIP            = 1706 // There is an agent with the same IP or the IP is invalid
	CodeSameID            = 1708 // There is an agent with the same ID
	CodeShortKey          = 1709 // Too short key size
	CodeRegisterFailed    = 1725 // Error registering a new agent
	CodeAuthdNotRunning   = 1726 // Wazuh authd is not running
	CodeNameTooLong       = 1738 // Agent name is too long
	CodeDeleteAgentFailed = 1757 // Error deleting an agent
	CodeExecqMissing      = 1901 // 'execq' socket has not been created
	CodeExecqConnect      = 1902 // Connection to 'execq' socket failed
)

func init() {
	sdk.RegisterErrors(map[int]sdk.ErrorInfo{
		CodeSameName: {Message: "There is an agent with the same name",
			Remediation: "Please choose another name", Status: http.StatusBadRequest},
		CodeSameIP: {Message: "There is an agent with the same IP or the IP is invalid",
			Remediation: "Please choose another IP", Status: http.StatusBadRequest},
		CodeSameID: {Message: "There is an agent with the same ID",
			Remediation: "Please choose another ID", Status: http.StatusBadRequest},
		CodeShortKey: {Message: "Too short key size",
			Remediation: "The key must be at least 64 characters long", Status: http.StatusBadRequest},
		CodeRegisterFailed: {Message: "Error registering a new agent",
			Status: http.StatusInternalServerError},
		CodeAuthdNotRunning: {Message: "Wazuh authd is not running",
			Remediation: "Please, visit the official documentation (https://documentation.wazuh.com/4.14/user-manual/reference/daemons/wazuh-authd.html) to get more information about `authd`",
			Status:      http.StatusBadRequest},
		CodeNameTooLong: {Message: "Agent name is too long",
			Remediation: "Max length allowed for agent name is 128", Status: http.StatusBadRequest},
		CodeDeleteAgentFailed: {Message: "Error deleting an agent",
			Status: http.StatusInternalServerError},
		CodeExecqMissing: {Message: "'execq' socket has not been created",
			Status: http.StatusInternalServerError},
		CodeExecqConnect: {Message: "Connection to 'execq' socket failed",
			Status: http.StatusInternalServerError},
	})
}
