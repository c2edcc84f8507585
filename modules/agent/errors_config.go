package main

import (
	"net/http"

	"github.com/wazuh-go/server/sdk"
)

// Wazuh framework errors of the group file and configuration endpoints
// that are outside the sdk's catalogue (1006, 11xx configuration codes,
// 2006), built with Wazuh 4.14's texts (api-surface.md §6; remediations
// from framework/wazuh/core/exception.py where the reference gives none).
// The HTTP status is that of the exception class Wazuh raises at the call
// site: WazuhError 400, WazuhInternalError 500.

// errFile is 1006 for a missing group file. Paths are shown under
// WAZUH_HOME, as the module does not know the host's root.
func errFile(path string) *sdk.Error {
	return &sdk.Error{Code: 1006, HTTPStatus: http.StatusBadRequest,
		Message: "File/directory does not exist or there is a problem with the permissions: " + path}
}

// errComponent is 1101, raised when a group file cannot be parsed.
func errComponent(detail string) *sdk.Error {
	return &sdk.Error{Code: 1101, HTTPStatus: http.StatusBadRequest, Message: "Requested component does not exist: " + detail}
}

// errInvalidType is 1104 for a `type` get_file_conf does not know.
func errInvalidType(detail string) *sdk.Error {
	return &sdk.Error{Code: 1104, HTTPStatus: http.StatusBadRequest, Message: "Invalid type: " + detail,
		Remediation: "Insert a valid type"}
}

// errEmptyFile is 1112 for an empty agent.conf upload.
func errEmptyFile() *sdk.Error {
	return &sdk.Error{Code: 1112, HTTPStatus: http.StatusBadRequest, Message: "Empty files are not supported",
		Remediation: "Please, provide another file"}
}

// errXMLSyntax is 1113 with the parser's ExpatError text.
func errXMLSyntax(detail string) *sdk.Error {
	return &sdk.Error{Code: 1113, HTTPStatus: http.StatusBadRequest, Message: "XML syntax error: " + detail,
		Remediation: "Please, ensure file content has correct XML"}
}

// errWazuhSyntax is 1114 with verify-agent-conf's messages.
func errWazuhSyntax(detail string) *sdk.Error {
	return &sdk.Error{Code: 1114, HTTPStatus: http.StatusBadRequest, Message: "Wazuh syntax error: " + detail}
}

// errBodyEncoding is 2006, what put_group_config's Body.decode_body raises
// for a body that is not UTF-8.
func errBodyEncoding() *sdk.Error {
	return &sdk.Error{Code: 2006, HTTPStatus: http.StatusBadRequest,
		Message: "Received JSON from Wazuh DB is not correctly formatted"}
}
