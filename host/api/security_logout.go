package api

import (
	"fmt"

	"github.com/wazuh-go/server/sdk"
)

// logout serves DELETE /security/user/authenticate: every token of the
// caller issued up to now becomes invalid (the caller comes from the
// verified token). Unlike Wazuh this also works for users without roles.
func (s *Server) logout(c *secCall) (any, error) {
	if err := s.opts.RBAC.Logout(c.ctx, c.caller()); err != nil {
		return nil, fmt.Errorf("api: logout: %w", err)
	}
	return sdk.WazuhResult{Message: "User " + c.caller() + " was successfully logged out"}, nil
}

// revokeTokens serves PUT /security/user/revoke (security:revoke on
// *:*:*): every token, the caller's included, becomes invalid.
func (s *Server) revokeTokens(c *secCall) (any, error) {
	if err := s.revokeAll(c); err != nil {
		return nil, err
	}
	return sdk.WazuhResult{Message: "Tokens were successfully revoked"}, nil
}

// revokeAll is Wazuh's revoke_tokens: a new key pair, then every
// invalidation rule is dropped (the rotation already invalidates every
// token), and the verified-token cache is emptied.
func (s *Server) revokeAll(c *secCall) error {
	if err := s.opts.Keys.Rotate(); err != nil {
		return fmt.Errorf("api: revoke tokens: %w", err)
	}
	s.opts.Verifier.Purge()
	if err := s.opts.RBAC.RevokeAll(c.ctx); err != nil {
		return fmt.Errorf("api: revoke tokens: %w", err)
	}
	return nil
}
