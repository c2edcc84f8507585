package query

import (
	"net/url"
	"sort"
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// CheckAllowed is connexion's strict validation: a query parameter that the
// operation does not declare gives 400 "Extra query parameter(s) a,b not in
// spec" (no code). connexion joins a Python set, whose order depends on the
// per-process string hash seed; the names are sorted here so the answer is
// at least deterministic.
func CheckAllowed(q url.Values, allowed ...string) *sdk.Error {
	ok := make(map[string]bool, len(allowed))
	for _, a := range allowed {
		ok[a] = true
	}
	var extra []string
	for k := range q {
		if !ok[k] {
			extra = append(extra, k)
		}
	}
	if len(extra) == 0 {
		return nil
	}
	sort.Strings(extra)
	return sdk.BadRequest(cleanupDetail("Extra query parameter(s) " + strings.Join(extra, ",") + " not in spec"))
}
