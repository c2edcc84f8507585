package api

import (
	"errors"
	"net/http"

	"github.com/wazuh-go/server/host/rbac"
	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// Relationship operations need the action on both resource types (their
// routes declare two permissions): the owning resource from the path, the
// linked ones from the *_ids parameter.

// parsePosition reads position (integer, minimum 0).
func parsePosition(c *secCall) *sdk.Error {
	v, present, err := query.ParseInt(c.q, "position", query.IntSchema{Minimum: query.Int(0)})
	if err != nil {
		return err
	}
	if present {
		c.val = &v
	}
	return nil
}

func (c *secCall) position() *int {
	p, _ := c.val.(*int)
	return p
}

// linkedUser returns the username the user-role messages name; an unknown
// user is raised as 404 (5001).
func (s *Server) linkedUser(c *secCall) (string, error) {
	u, err := s.opts.RBAC.GetUser(c.ctx, c.pathID)
	var we *sdk.Error
	if errors.As(err, &we) && we.Code == rbac.CodeUserNotFound {
		return "", we.WithStatus(http.StatusNotFound)
	}
	if err != nil {
		return "", err
	}
	return u.Username, nil
}

// addUserRoles serves POST /security/users/{user_id}/roles.
func (s *Server) addUserRoles(c *secCall) (any, error) {
	name, err := s.linkedUser(c)
	if err != nil {
		return nil, err
	}
	ids, denied, err := c.targets(1, s.allRoleIDs)
	if err != nil {
		return nil, err
	}
	res, err := s.opts.RBAC.AddUserRoles(c.ctx, c.pathID, ids, c.position())
	if err != nil {
		return nil, err
	}
	out := envelope(res, "All roles were linked to user "+name, "Some roles were not linked to user "+name, "No link was created to user "+name)
	addDenied(out, "role:id", denied)
	return out, nil
}

// removeUserRoles serves DELETE /security/users/{user_id}/roles.
func (s *Server) removeUserRoles(c *secCall) (any, error) {
	name, err := s.linkedUser(c)
	if err != nil {
		return nil, err
	}
	ids, denied, err := c.targets(1, s.allRoleIDs)
	if err != nil {
		return nil, err
	}
	res, err := s.opts.RBAC.RemoveUserRoles(c.ctx, c.pathID, ids)
	if err != nil {
		return nil, err
	}
	if c.all {
		res = res.Without(rbac.CodeRoleNotFound, rbac.CodeReservedResource, rbac.CodeUserRoleMissing, rbac.CodeUserNotFound)
	}
	out := envelope(res, "All roles were unlinked from user "+name, "Some roles were not unlinked from user "+name, "No role was unlinked from user "+name)
	addDenied(out, "role:id", denied)
	return out, nil
}

// addRolePolicies serves POST /security/roles/{role_id}/policies.
func (s *Server) addRolePolicies(c *secCall) (any, error) {
	ids, denied, err := c.targets(1, s.allPolicyIDs)
	if err != nil {
		return nil, err
	}
	res, err := s.opts.RBAC.AddRolePolicies(c.ctx, c.pathID, ids, c.position())
	if err != nil {
		return nil, err
	}
	role := c.vars["role_id"]
	out := envelope(res, "All policies were linked to role "+role, "Some policies were not linked to role "+role, "No link was created to role "+role)
	addDenied(out, "policy:id", denied)
	return out, nil
}

// removeRolePolicies serves DELETE /security/roles/{role_id}/policies.
func (s *Server) removeRolePolicies(c *secCall) (any, error) {
	ids, denied, err := c.targets(1, s.allPolicyIDs)
	if err != nil {
		return nil, err
	}
	res, err := s.opts.RBAC.RemoveRolePolicies(c.ctx, c.pathID, ids)
	if err != nil {
		return nil, err
	}
	if c.all {
		res = res.Without(rbac.CodeRoleNotFound, rbac.CodePolicyNotFound, rbac.CodeReservedResource, rbac.CodeRolePolicyMissing)
	}
	role := c.vars["role_id"]
	out := envelope(res, "All policies were unlinked from role "+role, "Some policies were not unlinked from role "+role, "No policy was unlinked from role "+role)
	addDenied(out, "policy:id", denied)
	return out, nil
}

// addRoleRules serves POST /security/roles/{role_id}/rules. Linking
// invalidates every run_as token.
func (s *Server) addRoleRules(c *secCall) (any, error) {
	ids, denied, err := c.targets(1, s.allRuleIDs)
	if err != nil {
		return nil, err
	}
	res, err := s.opts.RBAC.AddRoleRules(c.ctx, c.pathID, ids)
	if err != nil {
		return nil, err
	}
	role := c.vars["role_id"]
	out := envelope(res, "All security rules were linked to role "+role, "Some security rules were not linked to role "+role, "No link was created to role "+role)
	addDenied(out, "rule:id", denied)
	return out, nil
}

// removeRoleRules serves DELETE /security/roles/{role_id}/rules.
func (s *Server) removeRoleRules(c *secCall) (any, error) {
	ids, denied, err := c.targets(1, s.allRuleIDs)
	if err != nil {
		return nil, err
	}
	res, err := s.opts.RBAC.RemoveRoleRules(c.ctx, c.pathID, ids)
	if err != nil {
		return nil, err
	}
	if c.all {
		res = res.Without(rbac.CodeRoleNotFound, rbac.CodeRuleNotFound, rbac.CodeReservedResource, rbac.CodeRoleRuleMissing)
	}
	role := c.vars["role_id"]
	out := envelope(res, "All security rules were unlinked from role "+role, "Some security rules were not unlinked from role "+role, "No security rule was unlinked from role "+role)
	addDenied(out, "rule:id", denied)
	return out, nil
}
