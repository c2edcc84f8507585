package api

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/sdk"
)

// securityConfig is security.yaml as GET /security/config shows it.
type securityConfig struct {
	AuthTokenExpTimeout int64  `json:"auth_token_exp_timeout"`
	RBACMode            string `json:"rbac_mode"`
}

// getSecurityConfig serves GET /security/config (security:read_config).
func (s *Server) getSecurityConfig(_ *secCall) (any, error) {
	timeout, mode := s.opts.Security()
	return sdk.WazuhResult{Data: securityConfig{AuthTokenExpTimeout: timeout, RBACMode: mode}}, nil
}

// putSecurityConfig serves PUT /security/config (security:update_config):
// only the supplied keys are written, then every token is revoked (even
// when nothing changed). A write failure is still a 200, as in Wazuh.
func (s *Server) putSecurityConfig(c *secCall) (any, error) {
	var timeout *int64
	var mode *string
	if raw, ok := c.fields["auth_token_exp_timeout"]; ok {
		n, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil || n > math.MaxInt32 {
			return nil, sdk.BadRequest(string(raw) + " is greater than the maximum of 2147483647 - 'auth_token_exp_timeout'")
		}
		timeout = &n
	}
	if raw, ok := c.fields["rbac_mode"]; ok {
		var m string
		if err := json.Unmarshal(raw, &m); err == nil {
			mode = &m
		}
	}
	return s.updateSecurityConfig(c, timeout, mode)
}

// deleteSecurityConfig serves DELETE /security/config: the defaults are
// restored and every token is revoked.
func (s *Server) deleteSecurityConfig(c *secCall) (any, error) {
	timeout, mode := int64(auth.DefaultTokenTimeout), auth.DefaultRBACMode
	return s.updateSecurityConfig(c, &timeout, &mode)
}

func (s *Server) updateSecurityConfig(c *secCall, timeout *int64, mode *string) (any, error) {
	msg := "Configuration was successfully updated"
	if s.opts.Settings == nil {
		msg = "Configuration could not be updated. Error: security.yaml is not available"
	} else if err := s.opts.Settings.Update(timeout, mode); err != nil {
		msg = "Configuration could not be updated. Error: " + err.Error()
	}
	if err := s.revokeAll(c); err != nil {
		return nil, err
	}
	return sdk.WazuhResult{Message: msg}, nil
}
