package api

import (
	"net/http"

	"github.com/gorilla/mux"
)

// experimentalOperations are the /experimental operations of Wazuh 4.14's
// spec (method and path).
var experimentalOperations = [][2]string{
	{http.MethodDelete, "/experimental/rootcheck"},
	{http.MethodDelete, "/experimental/syscheck"},
	{http.MethodGet, "/experimental/ciscat/results"},
	{http.MethodGet, "/experimental/syscollector/hardware"},
	{http.MethodGet, "/experimental/syscollector/netaddr"},
	{http.MethodGet, "/experimental/syscollector/netiface"},
	{http.MethodGet, "/experimental/syscollector/netproto"},
	{http.MethodGet, "/experimental/syscollector/os"},
	{http.MethodGet, "/experimental/syscollector/packages"},
	{http.MethodGet, "/experimental/syscollector/ports"},
	{http.MethodGet, "/experimental/syscollector/processes"},
	{http.MethodGet, "/experimental/syscollector/hotfixes"},
}

// problemExperimentalDisabled is what Wazuh's controllers raise
// (WazuhResourceNotFound 1122, before the DAPI, so without dapi_errors)
// while experimental_features is false (security.md §6.1). The message and
// remediation are Wazuh 4.x's exception catalogue as remembered; the
// reference gives only the status and the code.
var problemExperimentalDisabled = problem{
	status: http.StatusNotFound, title: "Resource Not Found", code: 1122,
	detail:      "Experimental features are disabled",
	remediation: "Experimental features can be enabled in WAZUH_PATH/configuration/api.yaml or using API endpoint https://documentation.wazuh.com/4.14/user-manual/api/reference.html#operation/api.controllers.manager_controller.put_api_config or https://documentation.wazuh.com/4.14/user-manual/api/reference.html#operation/api.controllers.cluster_controller.put_api_config",
}

// mountExperimentalGate answers every /experimental operation, after
// authentication, with 1122.
func (s *Server) mountExperimentalGate(r *mux.Router) {
	gate := s.authenticated(func(w http.ResponseWriter, _ *http.Request) { writeProblem(w, problemExperimentalDisabled) })
	for _, op := range experimentalOperations {
		r.Methods(op[0]).Path(op[1]).Handler(gate)
	}
}
