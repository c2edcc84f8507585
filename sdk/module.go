package sdk

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/go-hclog"
)

// Module is what a module author implements. Describe must be cheap and pure:
// the host calls it at start and again after every restart, and refuses a
// restarted module whose descriptor changed.
type Module interface {
	// Describe returns the module's routes, actions, resource types and needs.
	Describe() Descriptor
	// Configure is called once, before any Handle, with the host services and
	// the module's settings. Returning an error stops the module.
	Configure(ctx context.Context, host Host, cfg Config) error
	// Handle serves one request the host has already authenticated and
	// authorized. Return a *Error for Wazuh error responses.
	Handle(ctx context.Context, req *Request) (*Response, error)
}

// HealthChecker is optionally implemented by modules with a meaningful
// health state; the host's supervisor calls it.
type HealthChecker interface {
	// CheckHealth returns nil when the module can serve.
	CheckHealth(ctx context.Context) error
}

// Stopper is optionally implemented by modules that must clean up before
// they are killed.
type Stopper interface {
	// Stop releases the module's resources; the process exits afterwards.
	Stop(ctx context.Context) error
}

// Config is what Configure receives.
type Config struct {
	// Settings is this module's section of the host configuration as JSON
	// ("null" when absent).
	Settings json.RawMessage
	// Granted lists the capabilities the operator granted (a subset of the
	// descriptor's Needs). Host calls outside them fail with 4000-style errors.
	Granted Capabilities
	// NodeName is the Wazuh node name (cluster node_name, "node01" default).
	NodeName string
	// Logger writes hclog JSON to stderr, which the host re-emits at the
	// right level in its own log. Use it instead of fmt or log.
	Logger hclog.Logger
}
