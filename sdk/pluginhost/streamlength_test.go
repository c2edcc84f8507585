package pluginhost_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pluginhost"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// sizedModule streams a body of the size given in the "n" query parameter.
type sizedModule struct{}

func (sizedModule) Describe() sdk.Descriptor {
	return sdk.Descriptor{Name: "sized", Routes: []sdk.Route{{ID: "sized.get", Method: "GET", Path: "/sized", Stream: true}}}
}

func (sizedModule) Configure(context.Context, sdk.Host, sdk.Config) error { return nil }

func (sizedModule) Handle(_ context.Context, req *sdk.Request) (*sdk.Response, error) {
	n, _ := strconv.Atoi(req.Query.Get("n"))
	return &sdk.Response{Status: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}, BodyWriter: func(w io.Writer) error {
		for i := 0; i < n; i += 1000 {
			if _, err := w.Write(bytes.Repeat([]byte{'a' + byte(i/1000%26)}, min(1000, n-i))); err != nil {
				return err
			}
		}
		return nil
	}}, nil
}

func TestHandleStreamSetsContentLengthWhenTheBodyFitsOneChunk(t *testing.T) {
	c := sdktest.Serve(t, sizedModule{}, nil, nil)
	for _, tc := range []struct {
		n          int
		wantLength bool
	}{{0, true}, {12000, true}, {pluginhost.ChunkBytes, true}, {pluginhost.ChunkBytes + 1, false}, {3*pluginhost.ChunkBytes + 5, false}} {
		req := sdktest.NewRequest(sizedModule{}.Describe(), "sized.get", "n="+strconv.Itoa(tc.n), nil)
		resp, err := c.Handle(context.Background(), req)
		if err != nil {
			t.Fatalf("n=%d: %v", tc.n, err)
		}
		if len(resp.Body) != tc.n || (tc.n > 0 && resp.Body[tc.n-1] != 'a'+byte((tc.n-1)/1000%26)) {
			t.Fatalf("n=%d: got %d body bytes", tc.n, len(resp.Body))
		}
		cl := resp.Header.Get("Content-Length")
		if tc.wantLength && cl != strconv.Itoa(tc.n) {
			t.Errorf("n=%d: Content-Length %q", tc.n, cl)
		}
		if !tc.wantLength && cl != "" {
			t.Errorf("n=%d: a multi-chunk body must not announce a length, got %q", tc.n, cl)
		}
		if resp.Header.Get("Content-Type") != "application/json" {
			t.Errorf("n=%d: header %v", tc.n, resp.Header)
		}
	}
}
