package sdk

import "net/http"

// Error codes raised by the query engine (package sdk/query): pagination,
// sort, select, WQL and date filters, plus the generic internal error.
//
// Messages are Wazuh 4.14's framework/wazuh/core/exception.py entries. The
// reference (api-surface.md §6) gives them "shortened"; where that table and
// exception.py differ only in punctuation, the text below is what the API
// actually prints (api-surface.md §4.2/§5 quote the full rendered details, e.g.
// "Not a valid sort field: Allowed sort fields: …", with no trailing space or
// period before the colon). Remediations come from exception.py; 1405 and 1406
// keep Wazuh's stale "between 1 and 1000" wording on purpose.
func init() {
	RegisterErrors(map[int]ErrorInfo{
		1000: {
			Message: "Wazuh Internal Error",
			Remediation: "Please, check `WAZUH_HOME/logs/ossec.log`, `WAZUH_HOME/logs/cluster.log` and " +
				"`WAZUH_HOME/logs/api.log` to get more information about the error",
			Status: http.StatusInternalServerError,
		},
		1400: {Message: "Invalid offset", Status: http.StatusBadRequest},
		1401: {Message: "Invalid limit", Status: http.StatusBadRequest},
		1402: {
			Message:     "Invalid sort_ascending field",
			Remediation: "Please, use only true if ascending or false if descending",
			Status:      http.StatusBadRequest,
		},
		1403: {
			Message:     "Not a valid sort field",
			Remediation: "Please, use only allowed sort fields",
			Status:      http.StatusBadRequest,
		},
		1404: {Message: "A field must be specified to order the data", Status: http.StatusBadRequest},
		1405: {
			Message:     "Specified limit exceeds maximum allowed",
			Remediation: "Please select a limit between 1 and 1000",
			Status:      http.StatusBadRequest,
		},
		1406: {
			Message:     "0 is not a valid limit",
			Remediation: "Please select a limit between 1 and 1000",
			Status:      http.StatusBadRequest,
		},
		1407: {Message: "Query does not match expected format", Status: http.StatusBadRequest},
		1408: {Message: "Field does not exist", Status: http.StatusBadRequest},
		1409: {Message: "Invalid query operator", Status: http.StatusBadRequest},
		1410: {Message: "Selecting more than one field in distinct mode", Status: http.StatusBadRequest},
		1411: {Message: "TimeFrame is not valid", Status: http.StatusBadRequest},
		1412: {
			Message: "Date filter not valid. Valid formats are YYYY-MM-DD HH:mm:ss, YYYY-MM-DDTHH:mm:ssZ or " +
				"YYYY-MM-DD",
			Status: http.StatusBadRequest,
		},
		1724: {
			Message:     "Not a valid select field",
			Remediation: "Please, use only allowed select fields",
			Status:      http.StatusBadRequest,
		},
	})
}
