package api

import (
	"net/http"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

// Wazuh's problem handler passes detail through _cleanup_detail_field
// (api-surface.md §3: whitespace collapsed, "\n\n" becomes ". "), while
// dapi_errors keeps the exception message as raised. A WQL query echoed in
// a 1407 is where user text with line breaks reaches the detail.
func TestProblemDetailIsCleanedUpButDapiErrorsIsNot(t *testing.T) {
	e := &sdk.Error{Code: 1407, HTTPStatus: http.StatusBadRequest, Message: "Query does not match expected format: \n\nname  =\nx\t "}
	got := string(problemFromError(e, "node01").body())
	want := `{"title": "Bad Request", "detail": "Query does not match expected format: . name =x", ` +
		`"dapi_errors": {"node01": {"error": "Query does not match expected format: \n\nname  =\nx\t "}}, "error": 1407}`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Without dapi_errors (errors raised before the DAPI) only detail exists.
	got = string(problemFromError(e, "").body())
	want = `{"title": "Bad Request", "detail": "Query does not match expected format: . name =x", "error": 1407}`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
