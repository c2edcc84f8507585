package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/router"
)

// Module is the agent module: Wazuh's /agents, /groups, /overview/agents
// and /tasks/status operations over the host's wazuh-db, authd and
// active-response services.
type Module struct {
	router   *router.Router
	host     sdk.Host
	wdb      wdb
	nodeName string
	log      logger
	settings Settings

	// groupMu serialises group creation, deletion and assignment, as the
	// framework's single master process effectively does.
	groupMu sync.Mutex
}

// Settings is the module's configuration section (modules.agent.settings).
type Settings struct {
	// ClusterEnabled tells the module the manager runs in a cluster; the
	// embedded default is standalone, where node restarts answer 3013.
	ClusterEnabled bool `json:"cluster_enabled"`
}

// New returns the module with its routes registered.
func New() *Module {
	m := &Module{nodeName: "node01", log: nopLogger{}}
	r := router.New(m.Describe())
	for id, h := range m.handlers() {
		r.Handle(id, h)
	}
	m.router = r
	return m
}

// handlers maps every route id to its handler.
func (m *Module) handlers() map[string]router.HandlerFunc {
	return map[string]router.HandlerFunc{
		routeGetAgents: m.getAgents, routeDeleteAgents: m.deleteAgents, routeAddAgent: m.addAgent,
		routeUpgradeAgents: m.upgradeAgents, routeUpgradeCustom: m.upgradeAgents, routeUpgradeResult: m.upgradeResult,
		routeUninstall: m.uninstallPermission, routeRemoveGroupAgents: m.removeAgentsFromGroup,
		routeAssignGroupAgents: m.assignAgentsToGroup, routeRestartGroup: m.restartGroup,
		routeInsertAgent: m.insertAgent, routeInsertQuick: m.insertQuick, routeNoGroup: m.noGroup,
		routeRestartNode: m.restartNode, routeOutdated: m.outdated, routeReconnect: m.reconnectAgents,
		routeRestartAgents: m.restartAgents, routeDistinct: m.distinctAgents, routeSummary: m.summary,
		routeSummaryOS: m.summaryOS, routeSummaryStatus: m.summaryStatus, routeAgentConfig: m.agentConfig,
		routeRemoveAgentGroups: m.removeAgentFromGroups, routeSyncAgent: m.syncAgent,
		routeRemoveAgentGroup: m.removeAgentFromGroup, routeAssignAgentGroup: m.assignAgentToGroup,
		routeAgentKey: m.agentKey, routeRestartAgent: m.restartAgent, routeDaemonStats: m.daemonStats,
		routeComponentStats: m.componentStats, routeDeleteGroups: m.deleteGroups, routeGetGroups: m.getGroups,
		routePostGroup: m.createGroup, routeGroupAgents: m.groupAgents, routeGetGroupConfig: m.getGroupConfig,
		routePutGroupConfig: m.putGroupConfig, routeGroupFiles: m.groupFiles, routeGroupFile: m.groupFile,
		routeOverview: m.overview, routeTasks: m.tasksStatus,
	}
}

// Describe declares the module's routes, actions and needs.
func (m *Module) Describe() sdk.Descriptor {
	routes := append(agentRoutes(), groupRoutes()...)
	return sdk.Descriptor{
		Name:    "agent",
		Version: "1.0.0",
		Routes:  routes,
		Actions: actions(routes),
		ResourceTypes: []sdk.ResourceType{
			{Name: "agent:id", Description: "Reference agents via agent ID (i.e. agent:id:001)"},
			{Name: "agent:group", Description: "Reference agents via group name (i.e. agent:group:web)"},
			{Name: "group:id", Description: "Reference agent groups via group ID (i.e. group:id:default)"},
		},
		Needs: sdk.Capabilities{
			WDB:     []string{"global", "task"},
			Sockets: append([]string{"auth", "ar"}, managerSockets()...),
			Files:   []string{"etc/shared", "var/multigroups"},
		},
	}
}

// Configure keeps the host services and reads the settings.
func (m *Module) Configure(_ context.Context, host sdk.Host, cfg sdk.Config) error {
	if len(cfg.Settings) > 0 && string(cfg.Settings) != "null" {
		if err := json.Unmarshal(cfg.Settings, &m.settings); err != nil {
			return fmt.Errorf("agent: settings: %w", err)
		}
	}
	m.host, m.wdb = host, wdb{host: host}
	if cfg.NodeName != "" {
		m.nodeName = cfg.NodeName
	}
	if cfg.Logger != nil {
		m.log = cfg.Logger
	}
	return nil
}

// Handle dispatches a request to its route's handler.
func (m *Module) Handle(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	return m.router.Serve(ctx, req)
}

// logger is the part of the host's hclog logger the module uses.
type logger interface {
	Warn(msg string, args ...any)
}

type nopLogger struct{}

func (nopLogger) Warn(string, ...any) {}
