package api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

// cutTarget starts a streamed response and fails after its first bytes, as
// a module killed in the middle of an export does.
type cutTarget struct{ echoTarget }

func (cutTarget) HandleStream(_ context.Context, _ *sdk.Request, start func(int, http.Header), body io.Writer) error {
	start(http.StatusOK, http.Header{"Content-Type": {"application/json; charset=utf-8"}})
	_, _ = body.Write([]byte(`{"data": {"affected_items": [{"id": "001"}, `))
	if f, ok := body.(http.Flusher); ok {
		f.Flush()
	}
	return errors.New("module went away")
}

// A response cut short after its status was sent must reach the client as
// an incomplete transfer: a body that ends cleanly would pass for a whole
// (and wrong) answer.
func TestTruncatedStreamAbortsTheConnection(t *testing.T) {
	s := newTestServer(t, nil)
	s.Mount([]ModuleRoutes{{Target: cutTarget{}, Routes: []sdk.Route{{ID: "cut.get", Method: http.MethodGet, Path: "/cut", Stream: true}}}})
	srv := httptest.NewServer(s)
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/cut", nil)
	req.Header.Set("Authorization", "Bearer "+s.token(t))
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err == nil {
		t.Fatalf("the client read a complete-looking body %q from a truncated stream", body)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
}
