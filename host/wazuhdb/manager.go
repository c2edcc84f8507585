package wazuhdb

import (
	"context"
	"database/sql"
	"fmt"
)

// syncManager writes m into the manager row (agent 000), as
// wazuh-modulesd's wm_sync_manager does on a real manager.
func (s *Server) syncManager(ctx context.Context, m Manager) error {
	null := func(v string) any {
		if v == "" {
			return nil
		}
		return v
	}
	err := s.store.global.write(ctx, func(tx *sql.Tx) error {
		if m.Name != "" {
			if _, err := tx.ExecContext(ctx, "UPDATE agent SET name = ? WHERE id = 0", m.Name); err != nil {
				return err
			}
		}
		// The schema's localhost row already has these; a database
		// created elsewhere may not. 253402300799 is 9999-12-31T23:59:59Z,
		// the manager's lastKeepAlive.
		_, err := tx.ExecContext(ctx, "UPDATE agent SET os_name = ?, os_version = ?, os_major = ?, os_minor = ?, os_codename = ?, "+
			"os_build = ?, os_platform = ?, os_uname = ?, os_arch = ?, version = ?, node_name = coalesce(?, node_name), "+
			"manager_host = coalesce(?, manager_host), ip = '127.0.0.1', register_ip = '127.0.0.1', "+
			"connection_status = 'active', last_keepalive = 253402300799, disconnection_time = 0, "+
			"sync_status = 'synced', group_config_status = 'synced' WHERE id = 0",
			null(m.OSName), null(m.OSVersion), null(m.OSMajor), null(m.OSMinor), null(m.OSCodename), null(m.OSBuild),
			null(m.OSPlatform), null(m.OSUname), null(m.OSArch), null(m.Version), null(m.NodeName), null(m.ManagerHost))
		return err
	})
	if err != nil {
		return fmt.Errorf("wazuhdb: update manager row: %w", err)
	}
	return nil
}
