package api

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/gorilla/mux"
	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/host/rbac"
	"github.com/wazuh-go/server/sdk"
)

// UserAuthenticator verifies login credentials against rbac.db.
type UserAuthenticator interface {
	// Authenticate returns the user's id and role ids (ordered by level),
	// or an error for wrong credentials. Unknown users must cost the same
	// work as known ones.
	Authenticate(ctx context.Context, username, password string) (userID int64, roleIDs []int64, err error)
}

// Authorizer evaluates a route's permissions for a caller. It returns a
// *sdk.Error (403, 4000) when an action is denied outright, otherwise the
// scopes the module filters with.
type Authorizer interface {
	Authorize(ctx context.Context, id *auth.Identity, perms []sdk.Permission, pathParams map[string]string, query url.Values) (sdk.Scopes, *sdk.Error)
}

// RouteTarget serves a module route (a module.Instance).
type RouteTarget interface {
	Handle(ctx context.Context, req *sdk.Request) (*sdk.Response, error)
	HandleStream(ctx context.Context, req *sdk.Request, start func(int, http.Header), body io.Writer) error
}

// ModuleRoutes are the routes of one module and where to send them.
type ModuleRoutes struct {
	// Routes from the module's descriptor.
	Routes []sdk.Route
	// Target serves them.
	Target RouteTarget
	// Actions and ResourceTypes the module registers; GET /security/actions
	// and /security/resources list them after Wazuh's catalogue.
	Actions       []sdk.Action
	ResourceTypes []sdk.ResourceType
}

// Options configure a Server.
type Options struct {
	// Logger is the access and error log.
	Logger hclog.Logger
	// Keys sign tokens.
	Keys *auth.Keys
	// Verifier authenticates bearer tokens.
	Verifier *auth.Verifier
	// Users verifies login credentials.
	Users UserAuthenticator
	// Authz evaluates RBAC for module routes.
	Authz Authorizer
	// Security returns auth_token_exp_timeout and rbac_mode.
	Security auth.SecurityConfig
	// DaemonsNotReady, when set, returns Wazuh's 1017 error while a daemon
	// the framework needs is down (attached mode); module and /security
	// operations answer it after their parameters are validated and before
	// RBAC, as Wazuh's DAPI checks before running the function.
	DaemonsNotReady func() *sdk.Error
	// ExperimentalFeatures is api.yaml's experimental_features: when false
	// the /experimental operations answer 1122 (experimental.go).
	ExperimentalFeatures bool
	// RBAC is rbac.db. Nil leaves the /security operations other than
	// login unmounted.
	RBAC *rbac.Store
	// Settings is security.yaml, written by PUT and DELETE /security/config.
	Settings *auth.Settings
	// MaxUploadSize limits bodies (0 = unlimited).
	MaxUploadSize int64
	// RequestTimeout bounds module calls unless wait_for_complete=true.
	RequestTimeout time.Duration
	// MaxRequestPerMinute is the global rate limit (0 = off).
	MaxRequestPerMinute int
	// MaxLoginAttempts and BlockTime configure per-IP login blocking.
	MaxLoginAttempts int
	// BlockTime is how long a blocked IP stays blocked, from its first failure.
	BlockTime time.Duration
	// NodeName appears in dapi_errors.
	NodeName string
	// Clock is the time source of token issue times, login blocking and
	// the rate limits. Nil means time.Now.
	Clock func() time.Time
	// Hostname is reported by GET /.
	Hostname string
}

// Server is the host's HTTP handler.
type Server struct {
	opts    Options
	logins  *loginGuard
	router  atomic.Pointer[mux.Router]
	catalog atomic.Pointer[securityCatalog]
	handler http.Handler
}

// New returns a Server with the host's own routes mounted.
func New(opts Options) *Server {
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	s := &Server{opts: opts, logins: newLoginGuard(opts.MaxLoginAttempts, opts.BlockTime)}
	s.logins.now = opts.Clock
	s.Mount(nil)
	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.router.Load().ServeHTTP(w, r) })
	h = withRateLimit(opts.MaxRequestPerMinute, opts.Clock, h)
	h = withSecurityHeaders(h)
	h = withBodyDrain(h)
	s.handler = withAccessLog(opts.Logger.Named("access"), h)
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Mount replaces the route table with the host's routes plus modules'.
func (s *Server) Mount(modules []ModuleRoutes) {
	// Paths are matched as the client sent them (percent-decoded, as
	// starlette does), never cleaned: gorilla/mux would answer a path with
	// "..", "." or "//" segments with a 301 to the cleaned path, where
	// Wazuh answers 404 (or, for an encoded dot segment such as
	// /groups/%2e%2e/files/x, matches the route and lets the parameter's
	// format check reject it).
	r := mux.NewRouter().SkipClean(true)
	r.NotFoundHandler = notFoundOrSlashRedirect(r)
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { writeProblem(w, problemMethodNotAllowed) })
	r.Methods(http.MethodGet).Path("/").Handler(s.authenticated(s.getRoot))
	s.catalog.Store(buildCatalog(modules))
	s.mountSecurity(r)
	if !s.opts.ExperimentalFeatures {
		s.mountExperimentalGate(r) // before the modules: it wins over their routes
	}
	for _, m := range modules {
		for _, rt := range m.Routes {
			r.Methods(rt.Method).Path(rt.Path).Handler(s.proxy(rt, m.Target))
		}
	}
	s.router.Store(r)
}
