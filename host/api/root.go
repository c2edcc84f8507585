package api

import (
	"net/http"
	"time"

	"github.com/wazuh-go/server/sdk"
)

// Version facts reported by GET / (api-surface.md §8): api_version is the
// spec's info.version without a "v", revision its x-revision.
const (
	APIVersion  = "4.14.7"
	APIRevision = "rc1"
)

// rootInfo is GET /'s data, fields in Wazuh's order.
type rootInfo struct {
	Title       string `json:"title"`
	APIVersion  string `json:"api_version"`
	Revision    string `json:"revision"`
	LicenseName string `json:"license_name"`
	LicenseURL  string `json:"license_url"`
	Hostname    string `json:"hostname"`
	Timestamp   string `json:"timestamp"`
}

// rootParams are GET /'s query parameters: the spec lists only pretty, so
// wait_for_complete is an extra parameter there.
var rootParams = []string{"pretty"}

func (s *Server) getRoot(w http.ResponseWriter, r *http.Request) {
	if p := checkQuery(queryValues(r), rootParams); p != nil {
		writeProblem(w, *p)
		return
	}
	writeJSON(w, r, http.StatusOK, sdk.WazuhResult{Data: rootInfo{
		Title: "Wazuh API REST", APIVersion: APIVersion, Revision: APIRevision,
		LicenseName: "GPL 2.0", LicenseURL: "https://github.com/wazuh/wazuh/blob/v" + APIVersion + "/LICENSE",
		Hostname: s.opts.Hostname, Timestamp: time.Now().UTC().Format("2006-01-02T15:04:05Z"),
	}})
}

// writeJSON writes v as Wazuh JSON (pretty when ?pretty=true).
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	body, err := sdk.MarshalWazuhJSON(v, (&sdk.Request{Query: queryValues(r)}).Pretty())
	if err != nil {
		writeProblem(w, problemInternal)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
