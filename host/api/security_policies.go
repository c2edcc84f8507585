package api

import (
	"context"

	"github.com/wazuh-go/server/host/rbac"
)

// policyRow is a policy as the array engine sees it.
func policyRow(p rbac.Policy, reg *rawRegistry) (map[string]any, []string) {
	return map[string]any{"id": p.ID, "name": p.Name, "policy": reg.decode(p.Policy), "roles": p.Roles},
		[]string{"id", "name", "policy", "roles"}
}

// getPolicies serves GET /security/policies (security:read on policy:id).
func (s *Server) getPolicies(c *secCall) (any, error) {
	return listSecurity(c, listSpec[rbac.Policy]{
		msgs: [3]string{"All specified policies were returned", "Some policies were not returned", "No policy was returned"},
		get:  s.opts.RBAC.GetPolicies, id: func(p rbac.Policy) int { return p.ID }, row: policyRow,
	})
}

// createPolicy serves POST /security/policies (security:create on *:*:*).
func (s *Server) createPolicy(c *secCall) (any, error) {
	name, _ := c.str("name")
	res, err := s.opts.RBAC.CreatePolicy(c.ctx, name, c.fields["policy"])
	if err != nil {
		return nil, err
	}
	return envelope(res, "Policy was successfully created", "", "Policy could not be created"), nil
}

// deletePolicies serves DELETE /security/policies?policy_ids=... (security:delete
// on policy:id). Reserved policies fail with 4008; with "all" they and vanished
// policies are silently skipped.
func (s *Server) deletePolicies(c *secCall) (any, error) {
	return serveIDs(c, idsOp[rbac.Policy]{
		existing: s.allPolicyIDs, resource: "policy:id",
		run: func(ids []int) (rbac.Result[rbac.Policy], error) {
			return s.opts.RBAC.DeletePolicies(c.ctx, ids)
		},
		expected: []int{rbac.CodePolicyNotFound, rbac.CodeReservedResource},
		msgs:     [3]string{"All specified policies were deleted", "Some policies were not deleted", "No policy was deleted"},
	})
}

// updatePolicy serves PUT /security/policies/{policy_id} (security:update on
// policy:id).
func (s *Server) updatePolicy(c *secCall) (any, error) {
	var name *string
	if v, ok := c.str("name"); ok {
		name = &v
	}
	res, err := s.opts.RBAC.UpdatePolicy(c.ctx, c.pathID, name, c.fields["policy"])
	if err != nil {
		return nil, err
	}
	return envelope(res, "Policy was successfully updated", "", "Policy could not be updated"), nil
}

// allPolicyIDs lists every policy id.
func (s *Server) allPolicyIDs(ctx context.Context) ([]int, error) {
	res, err := s.opts.RBAC.GetPolicies(ctx, nil)
	ids := make([]int, len(res.Items))
	for i, r := range res.Items {
		ids[i] = r.ID
	}
	return ids, err
}
