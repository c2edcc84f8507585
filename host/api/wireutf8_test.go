package api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"unicode/utf8"

	"github.com/wazuh-go/server/sdk"
)

// wireTarget fails, as the protobuf wire does, on any request string that
// is not valid UTF-8, and otherwise records the request.
type wireTarget struct{ got *sdk.Request }

func (w *wireTarget) Handle(_ context.Context, req *sdk.Request) (*sdk.Response, error) {
	strs := []string{req.Path, req.Method, req.RouteID}
	for k, v := range req.PathParams {
		strs = append(strs, k, v)
	}
	for k, vs := range req.Header {
		strs = append(strs, append(vs, k)...)
	}
	for k, vs := range req.Query {
		strs = append(strs, append(vs, k)...)
	}
	for _, s := range strs {
		if !utf8.ValidString(s) {
			return nil, errors.New("proto: string field contains invalid UTF-8")
		}
	}
	w.got = req
	return sdk.OK(req, sdk.WazuhResult{Data: "ok"})
}

func (*wireTarget) HandleStream(context.Context, *sdk.Request, func(int, http.Header), io.Writer) error {
	return errors.New("not streaming")
}

// Invalid UTF-8 in a path parameter or a forwarded header is bad input the
// module must still receive (as U+FFFD in the path, as latin-1 in headers,
// like starlette), not a failed module call (it was 503 "daemons not
// ready" through the real wire).
func TestInvalidUTF8ReachesModulesAsValidStrings(t *testing.T) {
	s := newTestServer(t, nil)
	target := &wireTarget{}
	s.Mount([]ModuleRoutes{{Target: target, Routes: []sdk.Route{
		{ID: "test.get", Method: http.MethodGet, Path: "/test/{id}", QueryParams: []string{"q"}},
	}}})
	req := httptest.NewRequest(http.MethodGet, "/test/a%ffb%C3%A9?q=%ff", nil)
	req.Header.Set("Authorization", "Bearer "+s.token(t))
	req.Header.Set("User-Agent", "ua\xff")
	req.Header.Set("Accept", "\xe9/json")
	req.Header.Set("Content-Type", "application/json\xfe")
	rec := s.serve(req)
	if rec.Code != http.StatusOK {
		t.Fatalf("got %d %s", rec.Code, rec.Body)
	}
	got := target.got
	if id := got.PathParams["id"]; id != "a\ufffdbé" {
		t.Fatalf("path param %q", id)
	}
	if got.Path != "/test/a\ufffdbé" {
		t.Fatalf("path %q", got.Path)
	}
	if ua, acc := got.Header.Get("User-Agent"), got.Header.Get("Accept"); ua != "uaÿ" || acc != "é/json" {
		t.Fatalf("headers %q %q", ua, acc)
	}
	if ct := got.Header.Get("Content-Type"); ct != "application/jsonþ" {
		t.Fatalf("content-type %q", ct)
	}
}
