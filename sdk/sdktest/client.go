package sdktest

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pluginhost"
)

// Client calls a module the way the host does.
type Client interface {
	// Handle sends one request and returns the response or a *sdk.Error.
	Handle(ctx context.Context, req *sdk.Request) (*sdk.Response, error)
}

// Direct configures mod with host and returns a Client that calls it through
// the Go interface. BodyWriter responses are buffered into Body.
func Direct(t testing.TB, mod sdk.Module, host sdk.Host, settings json.RawMessage) Client {
	t.Helper()
	if settings == nil {
		settings = json.RawMessage("null")
	}
	cfg := sdk.Config{Settings: settings, Granted: mod.Describe().Needs, NodeName: "node01", Logger: hclog.NewNullLogger()}
	if err := mod.Configure(context.Background(), host, cfg); err != nil {
		t.Fatalf("sdktest: configure: %v", err)
	}
	return directClient{mod}
}

type directClient struct{ mod sdk.Module }

func (d directClient) Handle(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	resp, err := d.mod.Handle(ctx, req)
	if err != nil || resp == nil || resp.BodyWriter == nil {
		return resp, err
	}
	var buf bytes.Buffer
	if err := resp.BodyWriter(&buf); err != nil {
		return nil, err
	}
	resp.Body, resp.BodyWriter = buf.Bytes(), nil
	return resp, nil
}

// Serve runs mod behind the real gRPC glue (plugin.TestPluginGRPCConn, broker
// callbacks included), configures it with host, and returns the host-side
// client. Streaming routes (Route.Stream) go through HandleStream.
func Serve(t testing.TB, mod sdk.Module, host sdk.Host, settings json.RawMessage) Client {
	t.Helper()
	c, desc := dispense(t, mod)
	if err := c.Configure(context.Background(), pluginhost.ConfigureOptions{Host: host, Settings: settings, Granted: desc.Needs, NodeName: "node01"}); err != nil {
		t.Fatalf("sdktest: configure: %v", err)
	}
	streaming := map[string]bool{}
	for _, r := range desc.Routes {
		streaming[r.ID] = r.Stream
	}
	return servedClient{c: c, streaming: streaming}
}

type servedClient struct {
	c         *pluginhost.Client
	streaming map[string]bool
}

func (s servedClient) Handle(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	if !s.streaming[req.RouteID] {
		return s.c.Handle(ctx, req)
	}
	resp := &sdk.Response{}
	var body bytes.Buffer
	err := s.c.HandleStream(ctx, req, func(status int, h http.Header) { resp.Status, resp.Header = status, h }, &body)
	if err != nil {
		return nil, err
	}
	resp.Body = body.Bytes()
	return resp, nil
}

// NewRequest builds a request for routeID with a raw query string, a caller
// named "wazuh" (user 1, role 1) and scopes permitting everything for the
// route's permissions in desc. Like the administrator, the caller holds an
// allow for every action of the route's AllowChecks: Request.Allows maps
// each to true (it stays nil for a route without AllowChecks). Tests of a
// caller without them set req.Allows (nil: nothing allowed) before the
// call.
func NewRequest(desc sdk.Descriptor, routeID, rawQuery string, pathParams map[string]string) *sdk.Request {
	q, _ := url.ParseQuery(rawQuery)
	req := &sdk.Request{
		RouteID: routeID, Query: q, PathParams: pathParams, Header: http.Header{},
		Caller: sdk.Caller{UserID: 1, Username: "wazuh", RoleIDs: []int64{1}},
	}
	if req.PathParams == nil {
		req.PathParams = map[string]string{}
	}
	for _, r := range desc.Routes {
		if r.ID != routeID {
			continue
		}
		req.Method, req.Path = r.Method, r.Path
		for _, p := range r.Permissions {
			req.Scopes = append(req.Scopes, sdk.ResourceScope{Action: p.Action, ResourceType: ResourceType(p.Resource), All: true})
		}
		for _, a := range r.AllowChecks {
			if req.Allows == nil {
				req.Allows = map[string]bool{}
			}
			req.Allows[a] = true
		}
	}
	return req
}
