package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync/atomic"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/router"
)

// Hello is a minimal module: one route that greets the caller.
type Hello struct {
	router   *router.Router
	greeting atomic.Value // string, from settings
}

// Settings is the module's configuration section (modules.example.settings).
type Settings struct {
	// Greeting prefixes the caller's name; default "Hello".
	Greeting string `json:"greeting"`
}

// New returns the module.
func New() *Hello {
	h := &Hello{}
	h.greeting.Store("Hello")
	h.router = router.New(h.Describe()).
		Handle("example.get_hello", h.getHello)
	return h
}

// Describe declares the route. It needs only a valid token: no RBAC action.
func (h *Hello) Describe() sdk.Descriptor {
	return sdk.Descriptor{
		Name:    "example",
		Version: "1.0.0",
		Routes: []sdk.Route{{
			ID: "example.get_hello", Method: http.MethodGet, Path: "/example/hello",
			Summary: "Greet the caller", DAPI: sdk.DAPILocalAny, QueryParams: []string{"name"},
		}},
	}
}

// Configure reads the greeting from the settings.
func (h *Hello) Configure(_ context.Context, _ sdk.Host, cfg sdk.Config) error {
	var s Settings
	if len(cfg.Settings) > 0 && string(cfg.Settings) != "null" {
		if err := json.Unmarshal(cfg.Settings, &s); err != nil {
			return fmt.Errorf("example: settings: %w", err)
		}
	}
	if s.Greeting != "" {
		h.greeting.Store(s.Greeting)
	}
	cfg.Logger.Info("configured", "greeting", h.greeting.Load())
	return nil
}

// Handle dispatches through the router.
func (h *Hello) Handle(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	return h.router.Serve(ctx, req)
}

func (h *Hello) getHello(_ context.Context, req *sdk.Request) (*sdk.Response, error) {
	name := req.Query.Get("name")
	if name == "" {
		name = req.Caller.Username
	}
	return sdk.OK(req, sdk.WazuhResult{Data: map[string]string{"message": fmt.Sprintf("%s, %s", h.greeting.Load(), name)}})
}
