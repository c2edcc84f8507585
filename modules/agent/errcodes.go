package main

import (
	"net/http"

	"github.com/wazuh-go/server/sdk"
)

// Wazuh framework errors of the group file, configuration and daemon-socket
// endpoints that are outside the sdk's catalogue, registered with Wazuh
// 4.14's texts (api-surface.md §6; remediations from
// framework/wazuh/core/exception.py where the reference gives none). The
// HTTP status is that of the exception class Wazuh raises at the call
// site: WazuhError 400, WazuhInternalError 500. Paths in messages are shown
// under WAZUH_HOME, as the module does not know the host's root.
func init() {
	sdk.RegisterErrors(map[int]sdk.ErrorInfo{
		1006: {Message: "File/directory does not exist or there is a problem with the permissions", Status: http.StatusBadRequest},
		1014: {Message: "Error communicating with socket", Remediation: "Please, restart Wazuh to restore sockets", Status: http.StatusInternalServerError},
		1015: {Message: "Agent version is null. Was the agent ever connected?", Status: http.StatusInternalServerError},
		1101: {Message: "Requested component does not exist", Status: http.StatusBadRequest},
		1104: {Message: "Invalid type", Remediation: "Insert a valid type", Status: http.StatusBadRequest},
		1112: {Message: "Empty files are not supported", Remediation: "Please, provide another file", Status: http.StatusBadRequest},
		1113: {Message: "XML syntax error", Remediation: "Please, ensure file content has correct XML", Status: http.StatusBadRequest},
		1114: {Message: "Wazuh syntax error", Status: http.StatusBadRequest},
		1116: {Message: "Requested component configuration does not exist", Status: http.StatusBadRequest},
		1117: {Message: "Unable to connect with component. The component might be disabled.", Status: http.StatusBadRequest},
		1121: {Message: "Error connecting with socket", Remediation: "Please ensure the selected module is running and properly configured", Status: http.StatusInternalServerError},
		1128: {Message: "Invalid configuration for the given component", Status: http.StatusBadRequest},
		1310: {Message: "Invalid agent ID", Status: http.StatusBadRequest},
		2006: {Message: "Received JSON from Wazuh DB is not correctly formatted", Status: http.StatusBadRequest},
	})
}

// errFile is 1006 for a missing group file.
func errFile(path string) *sdk.Error { return sdk.NewError(1006, path) }

// errComponent is 1101, raised when a group file cannot be parsed.
func errComponent(detail string) *sdk.Error { return sdk.NewError(1101, detail) }

// errInvalidType is 1104 for a `type` get_file_conf does not know.
func errInvalidType(detail string) *sdk.Error { return sdk.NewError(1104, detail) }

// errEmptyFile is 1112 for an empty agent.conf upload.
func errEmptyFile() *sdk.Error { return sdk.NewError(1112) }

// errXMLSyntax is 1113 with the parser's ExpatError text.
func errXMLSyntax(detail string) *sdk.Error { return sdk.NewError(1113, detail) }

// errWazuhSyntax is 1114 with verify-agent-conf's messages.
func errWazuhSyntax(detail string) *sdk.Error { return sdk.NewError(1114, detail) }

// errBodyEncoding is 2006, what put_group_config's Body.decode_body raises
// for a body that is not UTF-8.
func errBodyEncoding() *sdk.Error { return sdk.NewError(2006) }

// errConfigMissing is 1116: the component answered an error.
func errConfigMissing(detail string) *sdk.Error { return sdk.NewError(1116, detail) }

// errComponentConfig is 1117: the component could not be reached through
// remoted or answered something unreadable.
func errComponentConfig(detail string) *sdk.Error { return sdk.NewError(1117, detail) }

// errSocket is 1121: a daemon socket that is missing or refuses requests.
func errSocket() *sdk.Error { return sdk.NewError(1121) }

// errConfigPair is 1128, raised by the controller before the framework
// runs, for a configuration the component does not have.
func errConfigPair(detail string) *sdk.Error { return sdk.NewError(1128, detail) }

// errStatsAgent is 1310: the manager (agent 000) has no such daemon.
func errStatsAgent() *sdk.Error { return sdk.NewError(1310) }

// errVersionNull is 1015 for an agent whose version is unknown.
func errVersionNull() *sdk.Error { return sdk.NewError(1015) }

// errSocketIO is 1014 for an answer that cannot be read.
func errSocketIO(detail string) *sdk.Error { return sdk.NewError(1014, detail) }
