package wdb

import (
	"net/http"

	"github.com/wazuh-go/server/sdk"
)

// Wazuh error codes of the wazuh-db client (framework wdb.py).
const (
	// CodeRequest is 2003: wazuh-db answered "err <message>".
	CodeRequest = 2003
	// CodeInvalidQuery is 2004: the query failed the framework's input
	// validation.
	CodeInvalidQuery = 2004
	// CodeConnect is 2005: the wazuh-db socket could not be reached.
	CodeConnect = 2005
	// CodeBadJSON is 2006: the reply is not the JSON expected.
	CodeBadJSON = 2006
	// CodeRetrieve is 2007: a paged command failed or the agent database
	// is missing.
	CodeRetrieve = 2007
	// CodePagination is 2009: a single row does not fit in one frame.
	CodePagination = 2009
)

func init() {
	sdk.RegisterErrors(map[int]sdk.ErrorInfo{
		CodeRequest: {
			Message:     "Error in wazuhdb request",
			Remediation: "Make sure the request is correct",
			Status:      http.StatusBadRequest,
		},
		CodeInvalidQuery: {Message: "Database query not valid", Status: http.StatusBadRequest},
		CodeConnect:      {Message: "Could not connect to wdb socket", Status: http.StatusInternalServerError},
		CodeBadJSON:      {Message: "Received JSON from Wazuh DB is not correctly formatted", Status: http.StatusBadRequest},
		CodeRetrieve:     {Message: "Error retrieving data from Wazuh DB", Status: http.StatusBadRequest},
		CodePagination: {
			Message: "Pagination error. Response from wazuh-db was over the maximum socket buffer size",
			Status:  http.StatusInternalServerError,
		},
	})
}
