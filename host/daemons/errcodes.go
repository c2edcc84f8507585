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

// The 17xx codes above are registered by the sdk (sdk/errcodes_agent.go),
// shared with the agent module; the execq codes stay here.
func init() {
	sdk.RegisterErrors(map[int]sdk.ErrorInfo{
		CodeExecqMissing: {Message: "'execq' socket has not been created",
			Status: http.StatusInternalServerError},
		CodeExecqConnect: {Message: "Connection to 'execq' socket failed",
			Status: http.StatusInternalServerError},
	})
}
