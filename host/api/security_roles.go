package api

import (
	"context"

	"github.com/wazuh-go/server/host/rbac"
)

// roleRow is a role as the array engine sees it.
func roleRow(r rbac.Role, _ *rawRegistry) (map[string]any, []string) {
	return map[string]any{"id": r.ID, "name": r.Name, "policies": r.Policies, "users": r.Users, "rules": r.Rules},
		[]string{"id", "name", "policies", "users", "rules"}
}

// getRoles serves GET /security/roles (security:read on role:id).
func (s *Server) getRoles(c *secCall) (any, error) {
	return listSecurity(c, listSpec[rbac.Role]{
		msgs: [3]string{"All specified roles were returned", "Some roles were not returned", "No role was returned"},
		get:  s.opts.RBAC.GetRoles, id: func(r rbac.Role) int { return r.ID }, row: roleRow,
	})
}

// createRole serves POST /security/roles (security:create on *:*:*).
func (s *Server) createRole(c *secCall) (any, error) {
	name, _ := c.str("name")
	res, err := s.opts.RBAC.CreateRole(c.ctx, name)
	if err != nil {
		return nil, err
	}
	return envelope(res, "Role was successfully created", "", "Role could not be created"), nil
}

// deleteRoles serves DELETE /security/roles?role_ids=... (security:delete
// on role:id). Reserved roles (id ≤ 99) fail with 4008; with "all" they
// and vanished roles are silently skipped.
func (s *Server) deleteRoles(c *secCall) (any, error) {
	return serveIDs(c, idsOp[rbac.Role]{
		existing: s.allRoleIDs, resource: "role:id",
		run: func(ids []int) (rbac.Result[rbac.Role], error) {
			return s.opts.RBAC.DeleteRoles(c.ctx, ids)
		},
		expected: []int{rbac.CodeRoleNotFound, rbac.CodeReservedResource},
		msgs:     [3]string{"All specified roles were deleted", "Some roles were not deleted", "No role was deleted"},
	})
}

// updateRole serves PUT /security/roles/{role_id} (security:update on
// role:id): a rename; reserved roles fail with 4008.
func (s *Server) updateRole(c *secCall) (any, error) {
	var name *string
	if v, ok := c.str("name"); ok {
		name = &v
	}
	res, err := s.opts.RBAC.UpdateRole(c.ctx, c.pathID, name)
	if err != nil {
		return nil, err
	}
	return envelope(res, "Role was successfully updated", "", "Role could not be updated"), nil
}

// allRoleIDs lists every role id.
func (s *Server) allRoleIDs(ctx context.Context) ([]int, error) {
	res, err := s.opts.RBAC.GetRoles(ctx, nil)
	ids := make([]int, len(res.Items))
	for i, r := range res.Items {
		ids[i] = r.ID
	}
	return ids, err
}
