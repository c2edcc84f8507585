package api

import (
	"net/http"
	"testing"
)

// GET / declares only pretty (spec.yaml, api-surface.md §8): under strict
// validation wait_for_complete is an extra parameter there.
func TestRootAcceptsOnlyPretty(t *testing.T) {
	e := newSecEnv(t, nil)
	tok := e.admin()
	expect(t, e.call(http.MethodGet, "/?wait_for_complete=true", tok, ""), http.StatusBadRequest,
		`{"title": "Bad Request", "detail": "Extra query parameter(s) wait_for_complete not in spec"}`)
	expectStatus(t, e.call(http.MethodGet, "/?pretty=true", tok, ""), http.StatusOK, `"api_version": "4.14.7"`)
}
