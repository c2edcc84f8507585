package main

import (
	"net/http"

	"github.com/wazuh-go/server/sdk"
)

// controllerError answers e as Wazuh's API controllers raise it before the
// DAPI runs (e.g. 1128 for a bad component/configuration pair, 3013 when
// the cluster is disabled): a problem+json body without the dapi_errors
// the host adds to errors returned by a handler (api-surface.md §3: "Errors
// raised in the controller before the DAPI (1128, 6002, 3013, 902) have no
// dapi_errors").
func controllerError(e *sdk.Error) *sdk.Response {
	body := orderedMap{{"title", e.ProblemTitle()}, {"detail", e.Message}}
	if e.Remediation != "" {
		body = append(body, kv{"remediation", e.Remediation})
	}
	body = append(body, kv{"error", e.Code})
	b, err := sdk.MarshalWazuhJSON(body, false)
	if err != nil { // cannot happen for strings and an int
		b = []byte(`{"title": "Wazuh Internal Error", "detail": "Wazuh Internal Error", "error": 1000}`)
	}
	return &sdk.Response{Status: e.Status(),
		Header: http.Header{"Content-Type": {"application/problem+json; charset=utf-8"}}, Body: b}
}
