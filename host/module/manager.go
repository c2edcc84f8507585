package module

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"

	"github.com/wazuh-go/server/sdk"
)

// HostFactory builds the sdk.Host serving one module's callbacks, limited to
// its granted capabilities.
type HostFactory func(module string, granted sdk.Capabilities) sdk.Host

// Options configure a Manager.
type Options struct {
	// Specs are the enabled modules.
	Specs []Spec
	// SocketDir holds go-plugin's Unix sockets; cleaned at start.
	SocketDir string
	// StartTimeout bounds each module's start and Configure.
	StartTimeout time.Duration
	// HealthInterval is how often a running module must answer its health
	// check, within the same interval; after livenessMisses silent checks
	// in a row it is killed and restarted. Zero disables the checks.
	HealthInterval time.Duration
	// NodeName is passed to modules and used in 503 messages.
	NodeName string
	// LogLevel is passed to modules.
	LogLevel string
	// Logger is the host logger.
	Logger hclog.Logger
	// NewHost builds the host services of a module.
	NewHost HostFactory
	// KnownAction reports whether an action exists outside any module
	// (Wazuh's RBAC catalogue); routes' AllowChecks must name such an
	// action or one of the module's own. Nil accepts any well-formed name.
	KnownAction func(action string) bool
}

// Manager owns the module processes.
type Manager struct {
	socketDir      string
	startTimeout   time.Duration
	healthInterval time.Duration
	nodeName       string
	logLevel       string
	log            hclog.Logger
	newHost        HostFactory
	knownAction    func(string) bool

	mu         sync.Mutex
	registered map[string]sdk.Descriptor
	instances  []*Instance
	cancel     context.CancelFunc
	wg         sync.WaitGroup
}

// NewManager returns a manager for opts.
func NewManager(opts Options) *Manager {
	if opts.StartTimeout <= 0 {
		opts.StartTimeout = 15 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = hclog.NewNullLogger()
	}
	m := &Manager{
		socketDir: opts.SocketDir, startTimeout: opts.StartTimeout, healthInterval: opts.HealthInterval, nodeName: opts.NodeName,
		logLevel: opts.LogLevel, log: opts.Logger.Named("module"), newHost: opts.NewHost, knownAction: opts.KnownAction,
		registered: map[string]sdk.Descriptor{},
	}
	for _, s := range opts.Specs {
		m.instances = append(m.instances, &Instance{spec: s, m: m, down: "starting", wake: make(chan struct{}, 1)})
	}
	return m
}

// Start launches every module in parallel and starts their supervisors. It
// returns the modules that started; a module that fails to start (or whose
// descriptor conflicts with another's) is reported in the joined error and
// left out, so one broken module does not take the API down.
func (m *Manager) Start(ctx context.Context) ([]*Instance, error) {
	if m.socketDir != "" {
		_ = os.RemoveAll(m.socketDir) // stale sockets of killed modules
		if err := os.MkdirAll(m.socketDir, 0o700); err != nil {
			return nil, fmt.Errorf("module: socket dir: %w", err)
		}
	}
	errs := make([]error, len(m.instances))
	var wg sync.WaitGroup
	for n, inst := range m.instances {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[n] = inst.run(ctx, m.register)
		}()
	}
	wg.Wait()
	sctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	var started []*Instance
	for n, inst := range m.instances {
		if errs[n] != nil {
			m.log.Error("module failed to start", "module", inst.spec.Name, "error", errs[n])
			continue
		}
		started = append(started, inst)
		m.wg.Add(1)
		go func() { defer m.wg.Done(); inst.supervise(sctx) }()
		if m.healthInterval > 0 {
			m.wg.Add(1)
			go func() { defer m.wg.Done(); inst.probeLiveness(sctx, m.healthInterval) }()
		}
	}
	return started, errors.Join(errs...)
}

// register validates a first-start descriptor against the others.
func (m *Manager) register(i *Instance, d sdk.Descriptor) error {
	if err := validateDescriptor(i.spec.Name, d); err != nil {
		return err
	}
	if err := validateAllowChecks(i.spec.Name, d, m.knownAction); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := checkConflicts(m.registered, i.spec.Name, d); err != nil {
		return err
	}
	m.registered[i.spec.Name] = d
	return nil
}

// checkRestart refuses a restarted module whose routes changed.
func (m *Manager) checkRestart(i *Instance, d sdk.Descriptor) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !sameDescriptor(m.registered[i.spec.Name], d) {
		return fmt.Errorf("module %s: descriptor changed across restart; restart the host to load it", i.spec.Name)
	}
	return nil
}

// Stop stops supervisors and every module process, within ctx.
func (m *Manager) Stop(ctx context.Context) {
	if m.cancel != nil {
		m.cancel()
	}
	m.wg.Wait()
	var wg sync.WaitGroup
	for _, inst := range m.instances {
		wg.Add(1)
		go func() { defer wg.Done(); inst.stop(ctx) }()
	}
	wg.Wait()
	goplugin.CleanupClients()
}
