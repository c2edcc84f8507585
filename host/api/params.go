package api

import (
	"net/http"
	"net/url"

	"github.com/wazuh-go/server/sdk/query"
)

// commonParams are accepted by every operation (api-surface.md §0).
var commonParams = []string{"pretty", "wait_for_complete"}

// withCommonParams returns the full list of parameters an operation
// accepts: its own plus pretty and wait_for_complete.
func withCommonParams(own []string) []string {
	return append(append(make([]string, 0, len(commonParams)+len(own)), commonParams...), own...)
}

// checkQuery rejects parameters outside allowed (connexion's strict
// validation; build allowed with withCommonParams) and non-boolean pretty /
// wait_for_complete values.
func checkQuery(q url.Values, allowed []string) *problem {
	if err := query.CheckAllowed(q, allowed...); err != nil {
		p := problemFromError(err, "")
		return &p
	}
	// Both are {type: boolean, default: false} in the spec: a bad value is
	// jsonschema's full message, "'yes' is not of type 'boolean'. Failed
	// validating 'type' in schema: {…}. On instance: 'yes'".
	for _, name := range commonParams {
		if _, err := query.ParseBool(q, name, false); err != nil {
			p := problemFromError(err, "")
			return &p
		}
	}
	return nil
}

// queryValues parses the query string as Wazuh's web layer (starlette) does:
// unlike net/url it keeps pairs containing ";", which is WQL's AND.
func queryValues(r *http.Request) url.Values {
	return query.ParseRawQuery(r.URL.RawQuery)
}
