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
	return serveIDs(c, idsOp[rbac.User]{
		perm: 1, existing: s.allRoleIDs, resource: "role:id",
		run: func(ids []int) (rbac.Result[rbac.User], error) {
			return s.opts.RBAC.AddUserRoles(c.ctx, c.pathID, ids, c.position())
		},
		msgs: [3]string{"All roles were linked to user " + name, "Some roles were not linked to user " + name, "No link was created to user " + name},
	})
}

// removeUserRoles serves DELETE /security/users/{user_id}/roles.
func (s *Server) removeUserRoles(c *secCall) (any, error) {
	name, err := s.linkedUser(c)
	if err != nil {
		return nil, err
	}
	return serveIDs(c, idsOp[rbac.User]{
		perm: 1, existing: s.allRoleIDs, resource: "role:id",
		run: func(ids []int) (rbac.Result[rbac.User], error) {
			return s.opts.RBAC.RemoveUserRoles(c.ctx, c.pathID, ids)
		},
		expected: []int{rbac.CodeRoleNotFound, rbac.CodeReservedResource, rbac.CodeUserRoleMissing, rbac.CodeUserNotFound},
		msgs:     [3]string{"All roles were unlinked from user " + name, "Some roles were not unlinked from user " + name, "No role was unlinked from user " + name},
	})
}

// addRolePolicies serves POST /security/roles/{role_id}/policies.
func (s *Server) addRolePolicies(c *secCall) (any, error) {
	role := c.vars["role_id"]
	return serveIDs(c, idsOp[rbac.Role]{
		perm: 1, existing: s.allPolicyIDs, resource: "policy:id",
		run: func(ids []int) (rbac.Result[rbac.Role], error) {
			return s.opts.RBAC.AddRolePolicies(c.ctx, c.pathID, ids, c.position())
		},
		msgs: [3]string{"All policies were linked to role " + role, "Some policies were not linked to role " + role, "No link was created to role " + role},
	})
}

// removeRolePolicies serves DELETE /security/roles/{role_id}/policies.
func (s *Server) removeRolePolicies(c *secCall) (any, error) {
	role := c.vars["role_id"]
	return serveIDs(c, idsOp[rbac.Role]{
		perm: 1, existing: s.allPolicyIDs, resource: "policy:id",
		run: func(ids []int) (rbac.Result[rbac.Role], error) {
			return s.opts.RBAC.RemoveRolePolicies(c.ctx, c.pathID, ids)
		},
		expected: []int{rbac.CodeRoleNotFound, rbac.CodePolicyNotFound, rbac.CodeReservedResource, rbac.CodeRolePolicyMissing},
		msgs:     [3]string{"All policies were unlinked from role " + role, "Some policies were not unlinked from role " + role, "No policy was unlinked from role " + role},
	})
}

// addRoleRules serves POST /security/roles/{role_id}/rules. Linking
// invalidates every run_as token.
func (s *Server) addRoleRules(c *secCall) (any, error) {
	role := c.vars["role_id"]
	return serveIDs(c, idsOp[rbac.Role]{
		perm: 1, existing: s.allRuleIDs, resource: "rule:id",
		run: func(ids []int) (rbac.Result[rbac.Role], error) {
			return s.opts.RBAC.AddRoleRules(c.ctx, c.pathID, ids)
		},
		msgs: [3]string{"All security rules were linked to role " + role, "Some security rules were not linked to role " + role, "No link was created to role " + role},
	})
}

// removeRoleRules serves DELETE /security/roles/{role_id}/rules.
func (s *Server) removeRoleRules(c *secCall) (any, error) {
	role := c.vars["role_id"]
	return serveIDs(c, idsOp[rbac.Role]{
		perm: 1, existing: s.allRuleIDs, resource: "rule:id",
		run: func(ids []int) (rbac.Result[rbac.Role], error) {
			return s.opts.RBAC.RemoveRoleRules(c.ctx, c.pathID, ids)
		},
		expected: []int{rbac.CodeRoleNotFound, rbac.CodeRuleNotFound, rbac.CodeReservedResource, rbac.CodeRoleRuleMissing},
		msgs:     [3]string{"All security rules were unlinked from role " + role, "Some security rules were not unlinked from role " + role, "No security rule was unlinked from role " + role},
	})
}
