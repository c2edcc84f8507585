package api

import (
	"encoding/json"

	"github.com/wazuh-go/server/host/rbac"
	"github.com/wazuh-go/server/sdk"
)

// meUser is the current user as GET /security/users/me shows it: roles
// expanded with their policies and rules (whose own "roles", and the
// role's "users", Wazuh pops).
type meUser struct {
	ID         int      `json:"id"`
	Username   string   `json:"username"`
	AllowRunAs bool     `json:"allow_run_as"`
	Roles      []meRole `json:"roles"`
}

type meRole struct {
	ID       int        `json:"id"`
	Name     string     `json:"name"`
	Policies []meObject `json:"policies"`
	Rules    []meRule   `json:"rules"`
}

type meObject struct {
	ID     int             `json:"id"`
	Name   string          `json:"name"`
	Policy json.RawMessage `json:"policy"`
}

type meRule struct {
	ID   int             `json:"id"`
	Name string          `json:"name"`
	Rule json.RawMessage `json:"rule"`
}

// getUserMe serves GET /security/users/me (a valid token is enough). The
// roles are the token's rbac_roles, so a run_as token shows the roles its
// authorization context mapped to.
func (s *Server) getUserMe(c *secCall) (any, error) {
	out := sdk.NewAffectedItems("Current user information was returned", "", "")
	u, err := s.opts.RBAC.GetUserByName(c.ctx, c.caller())
	if err != nil {
		return nil, err
	}
	details, err := s.opts.RBAC.RoleDetails(c.ctx, intRoles(c.id.Claims.RBACRoles))
	if err != nil {
		return nil, err
	}
	me := meUser{ID: u.ID, Username: u.Username, AllowRunAs: u.AllowRunAs, Roles: make([]meRole, 0, len(details))}
	for _, d := range details {
		me.Roles = append(me.Roles, meRoleOf(d))
	}
	out.AddAffected(me)
	return out, nil
}

func meRoleOf(d rbac.RoleDetail) meRole {
	r := meRole{ID: d.ID, Name: d.Name, Policies: []meObject{}, Rules: []meRule{}}
	for _, p := range d.Policies {
		r.Policies = append(r.Policies, meObject{ID: p.ID, Name: p.Name, Policy: p.Policy})
	}
	for _, rl := range d.Rules {
		r.Rules = append(r.Rules, meRule{ID: rl.ID, Name: rl.Name, Rule: rl.Rule})
	}
	return r
}

// getUserMePolicies serves GET /security/users/me/policies: the processed
// permission map of the token's roles plus rbac_mode (no RBAC action).
func (s *Server) getUserMePolicies(c *secCall) (any, error) {
	p, err := s.opts.RBAC.Permissions(c.ctx, intRoles(c.id.Claims.RBACRoles), rbac.Mode(c.id.Claims.RBACMode))
	if err != nil {
		return nil, err
	}
	return sdk.WazuhResult{Data: p, Message: "Current user processed policies information was returned"}, nil
}
