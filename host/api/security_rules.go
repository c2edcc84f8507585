package api

import (
	"context"

	"github.com/wazuh-go/server/host/rbac"
)

// ruleRow is a security rule as the array engine sees it.
func ruleRow(r rbac.Rule, reg *rawRegistry) (map[string]any, []string) {
	return map[string]any{"id": r.ID, "name": r.Name, "rule": reg.decode(r.Rule), "roles": r.Roles},
		[]string{"id", "name", "rule", "roles"}
}

// getRules serves GET /security/rules (security:read on rule:id).
func (s *Server) getRules(c *secCall) (any, error) {
	return listSecurity(c, listSpec[rbac.Rule]{
		msgs: [3]string{"All specified security rules were returned", "Some security rules were not returned", "No security rule was returned"},
		get:  s.opts.RBAC.GetRules, id: func(r rbac.Rule) int { return r.ID }, row: ruleRow,
	})
}

// createRule serves POST /security/rules (security:create on *:*:*).
func (s *Server) createRule(c *secCall) (any, error) {
	name, _ := c.str("name")
	res, err := s.opts.RBAC.CreateRule(c.ctx, name, c.fields["rule"])
	if err != nil {
		return nil, err
	}
	return envelope(res, "Security rule was successfully created", "", "Security rule could not be created"), nil
}

// deleteRules serves DELETE /security/rules?rule_ids=... (security:delete
// on rule:id). Reserved rules fail with 4008; with "all" they and vanished
// rules are silently skipped.
func (s *Server) deleteRules(c *secCall) (any, error) {
	return serveIDs(c, idsOp[rbac.Rule]{
		existing: s.allRuleIDs, resource: "rule:id",
		run: func(ids []int) (rbac.Result[rbac.Rule], error) {
			return s.opts.RBAC.DeleteRules(c.ctx, ids)
		},
		expected: []int{rbac.CodeRuleNotFound, rbac.CodeReservedResource},
		msgs:     [3]string{"All specified security rules were deleted", "Some security rules were not deleted", "No security rule was deleted"},
	})
}

// updateRule serves PUT /security/rules/{rule_id} (security:update on
// rule:id).
func (s *Server) updateRule(c *secCall) (any, error) {
	var name *string
	if v, ok := c.str("name"); ok {
		name = &v
	}
	res, err := s.opts.RBAC.UpdateRule(c.ctx, c.pathID, name, c.fields["rule"])
	if err != nil {
		return nil, err
	}
	return envelope(res, "Security rule was successfully updated", "", "Security rule could not be updated"), nil
}

// allRuleIDs lists every security rule id.
func (s *Server) allRuleIDs(ctx context.Context) ([]int, error) {
	res, err := s.opts.RBAC.GetRules(ctx, nil)
	ids := make([]int, len(res.Items))
	for i, r := range res.Items {
		ids[i] = r.ID
	}
	return ids, err
}
