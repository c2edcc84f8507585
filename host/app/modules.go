package app

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/wazuh-go/server/host/api"
	"github.com/wazuh-go/server/host/layout"
	"github.com/wazuh-go/server/host/module"
	"github.com/wazuh-go/server/host/services"
	"github.com/wazuh-go/server/sdk"
)

// moduleSpecs turns the enabled-modules config into start specs.
func (a *App) moduleSpecs() ([]module.Spec, error) {
	dir, err := filepath.Abs(a.cfg.Modules.Dir)
	if err != nil {
		return nil, fmt.Errorf("app: modules dir: %w", err)
	}
	var specs []module.Spec
	for _, m := range a.cfg.Modules.Enabled {
		settings, err := json.Marshal(m.Settings)
		if err != nil {
			return nil, fmt.Errorf("app: module %s settings: %w", m.Name, err)
		}
		path := m.Path
		if path == "" {
			path = filepath.Join(dir, "wazuh-module-"+m.Name)
		}
		spec := module.Spec{Name: m.Name, Path: path, SHA256: m.SHA256, Env: m.Env, Settings: settings}
		if m.Grant != nil {
			spec.Grant = &sdk.Capabilities{WDB: m.Grant.WDB, Sockets: m.Grant.Sockets, Files: m.Grant.Files}
		}
		specs = append(specs, spec)
	}
	return specs, nil
}

// startModules starts the enabled modules in parallel and returns the
// routes of those that started. A module that fails is logged and left out.
func (a *App) startModules(ctx context.Context, backends *services.Backends) ([]api.ModuleRoutes, error) {
	specs, err := a.moduleSpecs()
	if err != nil {
		return nil, err
	}
	a.modules = module.NewManager(module.Options{
		Specs: specs, SocketDir: a.root.Path(layout.ModuleSockets), StartTimeout: a.cfg.Modules.StartTimeout,
		HealthInterval: a.cfg.Modules.HealthInterval,
		NodeName:       a.cfg.NodeName, LogLevel: LogLevel(a.cfg.Logs.Level), Logger: a.log,
		NewHost:     func(name string, granted sdk.Capabilities) sdk.Host { return services.New(backends, name, granted) },
		KnownAction: api.IsWazuhAction,
	})
	started, err := a.modules.Start(ctx)
	if err != nil {
		a.log.Error("some modules did not start; their routes answer 404", "error", err)
	}
	var routes []api.ModuleRoutes
	for _, inst := range started {
		d := inst.Descriptor()
		routes = append(routes, api.ModuleRoutes{Routes: d.Routes, Target: inst, Actions: d.Actions, ResourceTypes: d.ResourceTypes})
		a.log.Info("module started", "module", inst.Name(), "routes", len(d.Routes))
	}
	return routes, nil
}

// LogLevel maps Wazuh's logs.level to an hclog level name.
func LogLevel(level string) string {
	switch level {
	case "debug", "debug2":
		return "debug"
	case "warning":
		return "warn"
	case "disabled":
		return "off"
	default:
		return level
	}
}
