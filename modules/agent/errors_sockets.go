package main

import (
	"net/http"

	"github.com/wazuh-go/server/sdk"
)

// Wazuh framework errors of the endpoints that ask daemons through their
// sockets (active configuration and statistics), outside the sdk's
// catalogue, with Wazuh 4.14's texts and exception-class statuses (see
// errors_config.go).

// errConfigMissing is 1116: the component answered an error.
func errConfigMissing(detail string) *sdk.Error {
	return &sdk.Error{Code: 1116, HTTPStatus: http.StatusBadRequest,
		Message: "Requested component configuration does not exist: " + detail}
}

// errComponentConfig is 1117: the component could not be reached through
// remoted or answered something unreadable.
func errComponentConfig(detail string) *sdk.Error {
	return &sdk.Error{Code: 1117, HTTPStatus: http.StatusBadRequest,
		Message: "Unable to connect with component. The component might be disabled.: " + detail}
}

// errSocket is 1121: a daemon socket that is missing or refuses requests.
func errSocket() *sdk.Error {
	return &sdk.Error{Code: 1121, HTTPStatus: http.StatusInternalServerError, Message: "Error connecting with socket",
		Remediation: "Please ensure the selected module is running and properly configured"}
}

// errConfigPair is 1128, raised by the controller before the framework
// runs, for a configuration the component does not have.
func errConfigPair(detail string) *sdk.Error {
	return &sdk.Error{Code: 1128, HTTPStatus: http.StatusBadRequest,
		Message: "Invalid configuration for the given component: " + detail}
}

// errStatsAgent is 1310: the manager (agent 000) has no such daemon.
func errStatsAgent() *sdk.Error {
	return &sdk.Error{Code: 1310, HTTPStatus: http.StatusBadRequest, Message: "Invalid agent ID"}
}

// errVersionNull is 1015 for an agent whose version is unknown.
func errVersionNull() *sdk.Error {
	return &sdk.Error{Code: 1015, HTTPStatus: http.StatusInternalServerError,
		Message: "Agent version is null. Was the agent ever connected?"}
}

// errSocketIO is 1014 for an answer that cannot be read.
func errSocketIO(detail string) *sdk.Error {
	return &sdk.Error{Code: 1014, HTTPStatus: http.StatusInternalServerError,
		Message: "Error communicating with socket: " + detail, Remediation: "Please, restart Wazuh to restore sockets"}
}
