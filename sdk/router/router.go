package router

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/wazuh-go/server/sdk"
)

// HandlerFunc serves one route.
type HandlerFunc func(ctx context.Context, req *sdk.Request) (*sdk.Response, error)

// Router maps the route ids of a descriptor to handlers.
type Router struct {
	desc     sdk.Descriptor
	handlers map[string]HandlerFunc
}

// New returns a router for desc's routes.
func New(desc sdk.Descriptor) *Router {
	return &Router{desc: desc, handlers: make(map[string]HandlerFunc, len(desc.Routes))}
}

// Handle registers fn for routeID. It panics when the descriptor has no such
// route or the id already has a handler: both are programming errors best
// caught at start.
func (r *Router) Handle(routeID string, fn HandlerFunc) *Router {
	if !r.declared(routeID) {
		panic(fmt.Sprintf("router: route %q is not in the descriptor", routeID))
	}
	if _, dup := r.handlers[routeID]; dup {
		panic(fmt.Sprintf("router: route %q registered twice", routeID))
	}
	r.handlers[routeID] = fn
	return r
}

func (r *Router) declared(id string) bool {
	for _, rt := range r.desc.Routes {
		if rt.ID == id {
			return true
		}
	}
	return false
}

// Serve dispatches req to its handler. An unknown route id answers Wazuh's
// 404 body; a declared route without a handler answers 501.
func (r *Router) Serve(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	fn, ok := r.handlers[req.RouteID]
	if !ok {
		if r.declared(req.RouteID) {
			return nil, &sdk.Error{HTTPStatus: http.StatusNotImplemented, Title: "Not Implemented", Message: "Route " + req.RouteID + " has no handler"}
		}
		return nil, &sdk.Error{HTTPStatus: http.StatusNotFound, Title: "Not Found", Message: "404: Not Found"}
	}
	return fn(ctx, req)
}

// ErrMissingHandler is wrapped by Validate's error.
var ErrMissingHandler = errors.New("router: route has no handler")

// Validate fails when a declared route has no handler (like Vault's
// TestBackendRoutes). Call it in a module's tests.
func (r *Router) Validate() error {
	var errs []error
	for _, rt := range r.desc.Routes {
		if _, ok := r.handlers[rt.ID]; !ok {
			errs = append(errs, fmt.Errorf("%w: %s (%s %s)", ErrMissingHandler, rt.ID, rt.Method, rt.Path))
		}
	}
	return errors.Join(errs...)
}
