package sdk

import "net/http"

// Core error codes raised by the host and the sdk itself (api-surface.md §6).
// Module- and layer-specific ranges are registered next to their code.
func init() {
	RegisterErrors(map[int]ErrorInfo{
		900:  {Message: "One of the API child processes terminated abruptly. The API process pool is not usable anymore. Please restart the Wazuh API", Status: http.StatusInternalServerError},
		901:  {Message: "API executor was broken", Status: http.StatusInternalServerError},
		902:  {Message: "API Endpoint only available on master node", Status: http.StatusNotFound},
		1017: {Message: "Some Wazuh daemons are not ready yet in node", Status: http.StatusInternalServerError},
		3012: {Message: "Cluster is not running", Status: http.StatusInternalServerError},
		3013: {Message: "Cluster is not running, it might be disabled in `WAZUH_HOME/etc/ossec.conf`", Status: http.StatusBadRequest},
		3020: {Message: "Timeout sending request", Status: http.StatusInternalServerError},
		3021: {Message: "Timeout executing API request", Status: http.StatusInternalServerError},
		4000: {
			Message:     "Permission denied",
			Remediation: "Please, make sure you have permissions to execute the current request. For more information on how to set up permissions, please visit https://documentation.wazuh.com/4.14/user-manual/api/rbac/configuration.html",
			Status:      http.StatusForbidden,
		},
	})
}
