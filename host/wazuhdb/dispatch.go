package wazuhdb

import (
	"context"
	"database/sql"
	"errors"
)

// dispatch routes a parsed command to its actor.
func (s *Server) dispatch(ctx context.Context, ss *session, cmd Command) []byte {
	switch {
	case cmd.JSON != "":
		return jsonCommand(cmd.JSON)
	case cmd.Actor == "global":
		return s.globalCommand(ctx, ss, cmd)
	case cmd.Actor == "agent":
		return s.agentCommand(ctx, ss, cmd)
	case cmd.Actor == "wazuhdb":
		if cmd.Query != "remove" {
			return errReply(syntaxError(cmd.Query).Error())
		}
		return s.removeAgentDBs(cmd.Args)
	}
	if cmd.Query != "sql" || !cmd.HasArgs {
		// The task manager's JSON commands (upgrade, upgrade_get_status...)
		// belong to wazuh-modulesd and are not served here.
		return errReply(syntaxError(cmd.Query).Error())
	}
	if cmd.Actor == "mitre" {
		return ss.runSQL(ctx, s.store.mitre, cmd.Args, mitreSQLErr)
	}
	return ss.runSQL(ctx, s.store.tasks, cmd.Args, plainSQLErr)
}

// globalCommand runs "global <query> [args]".
func (s *Server) globalCommand(ctx context.Context, ss *session, cmd Command) []byte {
	if cmd.Query == "sql" {
		if !cmd.HasArgs {
			return errReply(syntaxError(cmd.Query).Error())
		}
		return ss.runSQL(ctx, s.store.global, cmd.Args, globalSQLErr)
	}
	h, ok := globalHandlers[cmd.Query]
	if !ok {
		return errReply(syntaxError(cmd.Query).Error())
	}
	if h.needsArgs && (!cmd.HasArgs || cmd.Args == "") {
		return errReply(syntaxError(cmd.Query).Error())
	}
	if h.write {
		ss.mu.Lock()
		ss.dropCursorLocked()
		ss.mu.Unlock()
	}
	return h.run(s, ctx, s.store.global, cmd.Args)
}

// agentCommand runs "agent <id> <query> [args]" after checking that the
// agent exists (agent 0, the manager, always does).
func (s *Server) agentCommand(ctx context.Context, ss *session, cmd Command) []byte {
	if cmd.AgentID != 0 {
		var one int
		err := s.store.global.db.QueryRowContext(ctx, "SELECT 1 FROM agent WHERE id = ?", cmd.AgentID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return errReply("Agent not found")
		}
		if err != nil {
			return errReply("Cannot execute SQL query")
		}
	}
	switch {
	case cmd.Query == "sql" && cmd.HasArgs:
	case cmd.Query == "rootcheck" && cmd.Args == "delete":
	default:
		return errReply(syntaxError(cmd.Query).Error())
	}
	d, err := s.store.acquireAgent(ctx, cmd.AgentID)
	if err != nil {
		s.opts.logger.Warn("wazuh-db: open agent database", "agent", cmd.AgentID, "err", err)
		return errReply("Cannot execute SQL query")
	}
	defer s.store.releaseAgent(cmd.AgentID)
	if cmd.Query == "sql" {
		return ss.runSQL(ctx, d, cmd.Args, plainSQLErr)
	}
	ss.mu.Lock()
	ss.dropCursorLocked()
	ss.mu.Unlock()
	err = d.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM pm_event")
		return err
	})
	if err != nil {
		return errReply("Cannot execute SQL query")
	}
	return okReply([]byte("0"))
}

// jsonCommand answers JSON com requests ({"command":"getstats"...}). The
// embedded server has no statistics or internal configuration to report.
func jsonCommand(string) []byte {
	return []byte(`{"error":1,"message":"Command not supported by the embedded wazuh-db"}`)
}
