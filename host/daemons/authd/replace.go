package authd

import (
	"context"
	"time"
)

// Agent connection statuses stored in global.db.
const (
	statusDisconnected   = "disconnected"
	statusNeverConnected = "never_connected"
)

// replaceable applies the force rules (w_auth_replace_agent) to an existing
// agent. It returns "" when the agent may be replaced, or why not.
func (s *Service) replaceable(ctx context.Context, old KeyEntry, f Force) string {
	if !f.Enabled {
		return "force is disabled"
	}
	if !f.DisconnectedTimeEnabled && f.AfterRegistrationTime <= 0 {
		return ""
	}
	if s.cfg.WDB == nil {
		return "agent status is unknown (no wazuh-db)"
	}
	n, ok := ParseAgentID(old.ID)
	if !ok {
		return "invalid agent id"
	}
	info, found, err := getAgentInfo(ctx, s.cfg.WDB, n)
	if err != nil {
		s.log.Error("cannot get agent info", "id", old.ID, "error", err)
		return "failed to get agent info"
	}
	if !found {
		// Not in global.db: nothing connected or registered there to protect.
		return ""
	}
	now := s.cfg.Now()
	if f.DisconnectedTimeEnabled {
		switch info.ConnectionStatus {
		case statusNeverConnected:
		case statusDisconnected:
			since := now.Sub(time.Unix(int64(info.DisconnectionTime), 0))
			if since < f.DisconnectedTime {
				return "agent has been disconnected for less than " + FormatTimeValue(f.DisconnectedTime)
			}
		default:
			return "agent is " + info.ConnectionStatus + ", not disconnected"
		}
	}
	if f.AfterRegistrationTime > 0 {
		age := now.Sub(time.Unix(int64(info.DateAdd), 0))
		if age < f.AfterRegistrationTime {
			return "agent was registered less than " + FormatTimeValue(f.AfterRegistrationTime) + " ago"
		}
	}
	return ""
}
