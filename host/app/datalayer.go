package app

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/host/daemons"
	"github.com/wazuh-go/server/host/daemonstatus"
	"github.com/wazuh-go/server/host/layout"
	"github.com/wazuh-go/server/host/services"
	"github.com/wazuh-go/server/host/wazuhdb"
	"github.com/wazuh-go/server/host/wdb"
	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// startDataLayer starts the embedded wazuh-db and daemons (embedded mode
// only) and returns the backends modules call through. In attached mode the
// same clients talk to the real Wazuh sockets under the root.
func (a *App) startDataLayer(ctx context.Context) (*services.Backends, error) {
	var wdbOpts []wdb.Option
	if a.cfg.Mode == "embedded" {
		slogger := slog.New(slog.NewTextHandler(a.log.Named("wazuh-db").StandardWriter(&hclog.StandardLoggerOptions{InferLevels: true}), nil))
		// Agent 000 is this machine, filled at every start as
		// wazuh-modulesd does on a real manager.
		srv, err := wazuhdb.Start(ctx, string(a.root), wazuhdb.WithLogger(slogger), wazuhdb.WithManager(localManager(a.cfg.NodeName)))
		if err != nil {
			return nil, fmt.Errorf("app: embedded wazuh-db: %w", err)
		}
		a.addCloser(func() { _ = srv.Close() })
		// The host's own client skips the socket (which stays open for
		// other clients): same protocol, in-process, and connections cheap
		// enough to have one per concurrent request and listing.
		wdbOpts = append(wdbOpts, wdb.WithMaxConns(16), wdb.WithDialer(func(ctx context.Context) (wdb.Conn, error) {
			c, err := srv.Dial(ctx)
			if err != nil {
				return nil, err
			}
			return c, nil
		}))
	}
	client := wdb.New(a.root.Path(layout.WDBSocket), wdbOpts...)
	a.addCloser(func() { _ = client.Close() })
	if a.cfg.Mode == "embedded" {
		d, err := daemons.StartConfig(ctx, daemons.Config{Root: string(a.root), WDB: client, Logger: a.log.Named("daemons")})
		if err != nil {
			return nil, fmt.Errorf("app: embedded daemons: %w", err)
		}
		a.addCloser(func() { _ = d.Close() })
	}
	a.groupResolver = groupResolver(client)
	return &services.Backends{
		WDB: client, Root: string(a.root), Config: a.cfg.Lookup, Logger: a.log.Named("services"),
		Sockets: socketTable(a.root, a.cfg.Mode == "attached"),
	}, nil
}

// socketTable maps the logical socket names modules use to the sockets
// under the root (layout.Sockets), in both modes: attached, they reach the
// manager's daemons; embedded, the ones the host does not run answer
// Wazuh's connection errors. Attached, a registration or removal first
// checks that wazuh-authd runs, per its pid files, as Wazuh does: 1726
// when it does not, connection errors (1013, 1014) only when it does.
func socketTable(root layout.Root, attached bool) map[string]services.Socket {
	out := map[string]services.Socket{}
	for name, s := range layout.Sockets() {
		out[name] = services.Socket{Path: root.Path(s.Path), Datagram: s.Datagram}
	}
	if attached {
		auth := out["auth"]
		auth.Check = func() error {
			state, err := daemonstatus.Status(root.Path("var/run"), "/proc", "wazuh-authd")
			if err != nil || state != daemonstatus.Running {
				return sdk.NewError(daemons.CodeAuthdNotRunning)
			}
			return nil
		}
		out["auth"] = auth
	}
	return out
}

// groupResolver expands agent:group:<name> into agent ids ("001") through
// wazuh-db; "*" means every agent that belongs to some group.
func groupResolver(client *wdb.Client) func(ctx context.Context, group string) ([]string, error) {
	return func(ctx context.Context, group string) ([]string, error) {
		stmt := "SELECT DISTINCT id_agent FROM belongs"
		var args []any
		if group != "*" {
			stmt = "SELECT id_agent FROM belongs JOIN `group` ON `group`.id = belongs.id_group WHERE `group`.name = ?"
			args = []any{group}
		}
		sqlText, err := query.Inline(stmt, args)
		if err != nil {
			return nil, err
		}
		payload, err := client.Query(ctx, "global sql "+sqlText)
		if err != nil {
			return nil, fmt.Errorf("app: agents of group %q: %w", group, err)
		}
		var rows []struct {
			ID int `json:"id_agent"`
		}
		if err := json.Unmarshal(payload, &rows); err != nil {
			return nil, fmt.Errorf("app: agents of group %q: %w", group, err)
		}
		ids := make([]string, len(rows))
		for i, r := range rows {
			ids[i] = fmt.Sprintf("%03d", r.ID)
		}
		return ids, nil
	}
}
