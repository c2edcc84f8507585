// Package sdk is what a wazuh-go server module is written against.
//
// A module is a separate process started by the host (wazuh-apid) through
// hashicorp/go-plugin over gRPC. It declares its HTTP routes, RBAC actions,
// resource types and needed host capabilities in a Descriptor; the host
// mounts the routes, authenticates the caller, enforces RBAC and computes
// per-request ResourceScopes before it calls the module's Handle. The module
// answers with a Response (usually a Wazuh result envelope built with
// WazuhResult or AffectedItemsResult) or an *Error carrying a Wazuh error
// code. Modules reach wazuh-db, Wazuh's sockets, configuration and files
// only through Host.
//
// Start at Module and Descriptor, serve with plugin.Serve (package
// github.com/wazuh-go/server/sdk/plugin), route with package router and test
// with package sdktest. README.md walks through the example module in
// examples/hello.
package sdk

// Version is the sdk version reported by modules in Describe.
const Version = "0.1.0"

// ProtocolMinor is the minor version of module protocol v1 this sdk speaks.
// Within v1 the protocol changes additively only. Minor 1 added
// QueryWDBRequest.count_command (StreamWDBWithCount).
// Minor 2 added RouteSpec.allow_checks and HandleRequest.allowed_actions
// (Route.AllowChecks, Request.Allows).
// Minor 3 added HostError.not_found and HostError.capability: host errors
// keep sdk.ErrNotFound and sdk.ErrCapability across the module boundary,
// and RouteSpec.query_params_checked keeps an empty Route.QueryParams
// (no query parameter accepted) distinct from nil (unchecked).
// Minor 4 added ModuleService.Exchange: the host multiplexes Handle calls
// over one long-lived stream per module (older modules keep Handle and
// HandleStream).
const ProtocolMinor = 4

// MaxMessageBytes is the gRPC message size limit on both sides of the module
// boundary. Responses larger than this must use streaming routes.
const MaxMessageBytes = 64 << 20
