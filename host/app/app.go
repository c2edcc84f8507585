package app

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/api"
	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/host/config"
	"github.com/wazuh-go/server/host/layout"
	"github.com/wazuh-go/server/host/module"
	"github.com/wazuh-go/server/host/schedtune"
	"github.com/wazuh-go/server/host/tlscert"
)

// App is a configured host, ready to serve.
type App struct {
	cfg     *config.Config
	log     hclog.Logger
	root    layout.Root
	server  *api.Server
	handler http.Handler
	modules *module.Manager
	tls     *tls.Config

	closersMu sync.Mutex
	closers   []func()

	// groupResolver expands agent:group resources (set by the data layer).
	groupResolver func(ctx context.Context, group string) ([]string, error)
}

// New prepares the root, security, data layers and modules. Close releases
// what New opened when Run is not called.
func New(ctx context.Context, cfg *config.Config, log hclog.Logger) (*App, error) {
	abs, err := filepath.Abs(cfg.Root)
	if err != nil {
		return nil, fmt.Errorf("app: root: %w", err)
	}
	a := &App{cfg: cfg, log: log, root: layout.Root(abs)}
	if err := a.prepareRoot(); err != nil {
		return nil, err
	}
	sec, err := auth.LoadSettings(a.root.Path(layout.SecurityYAML))
	if err != nil {
		return nil, fmt.Errorf("app: %w", err)
	}
	// The three slow parts of a start run side by side: TLS (an RSA key on
	// first start), security (rbac.db, password hashing on first start, JWT
	// keys) and the data layer with the modules (process starts).
	var (
		users  *rbacBridge
		keys   *auth.Keys
		routes []api.ModuleRoutes
		errs   [3]error
		wg     sync.WaitGroup
	)
	wg.Add(3)
	go func() { defer wg.Done(); errs[0] = a.prepareTLS() }()
	go func() {
		defer wg.Done()
		if users, errs[1] = a.openRBAC(sec); errs[1] != nil {
			return
		}
		if keys, errs[1] = auth.NewKeys(a.root.Path(layout.SecurityDir)); errs[1] != nil {
			errs[1] = fmt.Errorf("app: jwt keys (error 6003): %w", errs[1])
		}
	}()
	go func() {
		defer wg.Done()
		backends, err := a.startDataLayer(ctx)
		if err != nil {
			errs[2] = err
			return
		}
		routes, errs[2] = a.startModules(ctx, backends)
	}()
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		a.Close()
		return nil, err
	}
	users.resolve = a.groupResolver
	hostname, _ := os.Hostname()
	a.watchKeys(keys, sec)
	verifier := auth.NewVerifier(keys, users, sec.Current)
	verifier.SoleIssuer()
	a.server = api.New(api.Options{
		Logger: log, Keys: keys, Verifier: verifier, Users: users, Authz: users,
		RBAC: users.store, Settings: sec,
		Security: sec.Current, MaxUploadSize: cfg.MaxUploadSize, RequestTimeout: cfg.RequestTimeout(),
		MaxRequestPerMinute: cfg.Access.MaxRequestPerMinute, MaxLoginAttempts: cfg.Access.MaxLoginAttempts,
		BlockTime: time.Duration(cfg.Access.BlockTime) * time.Second, NodeName: cfg.NodeName, Hostname: hostname,
		DaemonsNotReady: a.daemonsNotReady(), ExperimentalFeatures: cfg.ExperimentalFeatures,
	})
	a.server.Mount(routes)
	a.handler = withCORS(cfg.CORS, a.server)
	return a, nil
}

// keyWatchInterval is how often the JWT key files are checked for changes
// made on disk (Wazuh watches them with inotify).
const keyWatchInterval = 2 * time.Second

// watchKeys picks up a key pair regenerated or replaced on disk, and
// security.yaml edited on disk, without a restart, until Close.
func (a *App) watchKeys(keys *auth.Keys, sec *auth.Settings) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { keys.Watch(ctx, keyWatchInterval, func(err error) { a.log.Error("jwt keys", "error", err) }) })
	wg.Go(func() {
		sec.Watch(ctx, keyWatchInterval, func(err error) { a.log.Error("security.yaml", "error", err) })
	})
	a.addCloser(func() { cancel(); wg.Wait() })
}

func (a *App) prepareRoot() error {
	if a.cfg.Mode == "attached" {
		return layout.CheckAttached(a.root)
	}
	created, err := layout.EnsureEmbedded(a.root)
	if err != nil {
		return err
	}
	if created {
		a.log.Info("created embedded Wazuh root", "root", string(a.root))
	}
	return nil
}

func (a *App) prepareTLS() error {
	if !a.cfg.HTTPS.Enabled {
		return nil
	}
	key := a.root.Path(layout.SSLDir + "/" + a.cfg.HTTPS.Key)
	cert := a.root.Path(layout.SSLDir + "/" + a.cfg.HTTPS.Cert)
	generated, err := tlscert.Ensure(key, cert)
	if err != nil {
		return err
	}
	if generated {
		a.log.Info("generated self-signed certificate", "cert", cert)
	}
	ca := ""
	if a.cfg.HTTPS.UseCA {
		ca = a.root.Path(layout.SSLDir + "/" + a.cfg.HTTPS.CA)
	}
	a.tls, err = tlscert.ServerConfig(key, cert, ca, a.cfg.HTTPS.SSLCiphers)
	return err
}

// Handler returns the HTTP handler (for in-process tests).
func (a *App) Handler() http.Handler { return a.handler }

// Run serves until ctx is done, then shuts down: stop accepting, drain
// in-flight requests, stop modules.
func (a *App) Run(ctx context.Context) error {
	var listeners []net.Listener
	for _, h := range a.cfg.Host {
		ln, err := net.Listen("tcp", net.JoinHostPort(h, strconv.Itoa(a.cfg.Port)))
		if err != nil {
			if h == "::" && len(listeners) > 0 {
				continue // no IPv6, or 0.0.0.0 already covers it (dual stack)
			}
			for _, l := range listeners {
				l.Close()
			}
			return fmt.Errorf("app: listen %s:%d: %w", h, a.cfg.Port, err)
		}
		listeners = append(listeners, ln)
	}
	// One P while requests do not overlap, every P once they do
	// (schedtune.Scaler); off when GOMAXPROCS is set.
	scaler := schedtune.NewScaler(0)
	scaler.Start()
	defer scaler.Stop()
	srv := &http.Server{
		Handler: scaler.Wrap(a.handler), TLSConfig: a.tls, ReadHeaderTimeout: 10 * time.Second,
		ConnState:   scaler.ConnState(nil),
		IdleTimeout: 120 * time.Second, ErrorLog: a.log.StandardLogger(&hclog.StandardLoggerOptions{ForceLevel: hclog.Debug}),
	}
	// HTTP/1.1 only, as Wazuh's uvicorn: clients that offer h2 in ALPN
	// (curl does) get the same protocol, and the same header spelling in
	// `curl -i`, as from Wazuh.
	srv.Protocols = new(http.Protocols)
	srv.Protocols.SetHTTP1(true)
	errc := make(chan error, len(listeners))
	var wg sync.WaitGroup
	for _, ln := range listeners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			if a.tls != nil {
				err = srv.ServeTLS(ln, "", "")
			} else {
				err = srv.Serve(ln)
			}
			if !errors.Is(err, http.ErrServerClosed) {
				errc <- err
			}
		}()
		a.log.Info("listening", "address", ln.Addr().String(), "https", a.tls != nil)
	}
	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-errc:
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	wg.Wait()
	a.Close()
	return runErr
}

// addCloser registers cleanup run by Close in reverse order (safe from the
// parallel start steps).
func (a *App) addCloser(f func()) {
	a.closersMu.Lock()
	a.closers = append(a.closers, f)
	a.closersMu.Unlock()
}

// Close stops modules and releases resources in reverse order of opening.
func (a *App) Close() {
	if a.modules != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		a.modules.Stop(ctx)
		cancel()
		a.modules = nil
	}
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
	a.closers = nil
}
