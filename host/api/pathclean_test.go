package api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

// paramsTarget answers with the path parameters it received.
type paramsTarget struct{}

func (paramsTarget) Handle(_ context.Context, req *sdk.Request) (*sdk.Response, error) {
	return sdk.OK(req, sdk.WazuhResult{Data: req.PathParams})
}

func (paramsTarget) HandleStream(context.Context, *sdk.Request, func(int, http.Header), io.Writer) error {
	return errors.New("not streaming")
}

// Dot segments and empty segments are never cleaned into a redirect:
// paths that do not match a route are Wazuh's 404, and an encoded dot
// segment that fills one path parameter reaches the module as it is (its
// format check answers), as on starlette. Encoded slashes decode to
// segment separators, so they never hide inside a parameter.
func TestPathsAreNotCleaned(t *testing.T) {
	s := newTestServer(t, nil)
	s.Mount([]ModuleRoutes{{Target: paramsTarget{}, Routes: []sdk.Route{
		{ID: "test.file", Method: http.MethodGet, Path: "/groups/{group_id}/files/{file_name}", QueryParams: []string{"raw"}},
		{ID: "test.conf", Method: http.MethodGet, Path: "/groups/{group_id}/configuration"},
	}}})
	tok := s.token(t)
	notFound := `{"title": "Not Found", "detail": "404: Not Found"}`
	for _, path := range []string{
		"/groups/default/files/../../secret.txt",
		"/groups/default/files/..%2f..%2fsecret.txt",
		"/groups/default/files/%2e%2e%2f%2e%2e%2fsecret.txt",
		"/groups/default/files/%2e%2e/%2e%2e/secret.txt",
		"/groups/default/files//etc/passwd",
		"/groups/default/files/%2Fetc%2Fpasswd?raw=true",
		"/groups/..%2f..%2fetc/files/secret.txt",
		"/groups/%2e%2e%2f%2e%2e/configuration",
		"/groups/a%2fb/configuration",
		"/groups/default/./configuration",
		"//groups/default/configuration",
		"/groups/default/configuration/..",
	} {
		rec := s.request(http.MethodGet, path, tok, "", "")
		if loc := rec.Header().Get("Location"); loc != "" {
			t.Errorf("%s: redirect to %q", path, loc)
		}
		if rec.Code != http.StatusNotFound || rec.Body.String() != notFound {
			t.Errorf("%s: %d %s", path, rec.Code, rec.Body)
		}
	}
	reach := map[string]string{
		"/groups/%2e%2e/files/secret.txt":       `{"data": {"file_name": "secret.txt", "group_id": ".."}, "error": 0}`,
		"/groups/default/files/%2e%2e":          `{"data": {"file_name": "..", "group_id": "default"}, "error": 0}`,
		"/groups/%2E/files/agent.conf?raw=true": `{"data": {"file_name": "agent.conf", "group_id": "."}, "error": 0}`,
		"/groups/..%5cetc/configuration":        `{"data": {"group_id": "..\\etc"}, "error": 0}`,
		"/groups/%252e%252e/configuration":      `{"data": {"group_id": "%2e%2e"}, "error": 0}`,
		"/groups/default/files/agent.conf":      `{"data": {"file_name": "agent.conf", "group_id": "default"}, "error": 0}`,
	}
	for path, want := range reach {
		rec := s.request(http.MethodGet, path, tok, "", "")
		if rec.Code != http.StatusOK || rec.Body.String() != want {
			t.Errorf("%s: %d %s, want %s", path, rec.Code, rec.Body, want)
		}
	}
}
