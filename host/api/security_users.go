package api

import (
	"context"
	"encoding/json"

	"github.com/wazuh-go/server/host/rbac"
	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// userRow is a user as the array engine sees it.
func userRow(u rbac.User, _ *rawRegistry) (map[string]any, []string) {
	return map[string]any{"id": u.ID, "username": u.Username, "allow_run_as": u.AllowRunAs, "roles": u.Roles},
		[]string{"id", "username", "allow_run_as", "roles"}
}

// getUsers serves GET /security/users (security:read on user:id).
func (s *Server) getUsers(c *secCall) (any, error) {
	return listSecurity(c, listSpec[rbac.User]{
		msgs: [3]string{"All specified users were returned", "Some users were not returned", "No user was returned"},
		get:  s.opts.RBAC.GetUsers, id: func(u rbac.User) int { return u.ID }, row: userRow,
	})
}

// createUser serves POST /security/users (security:create_user). The body
// accepts only username and password: allow_run_as is an invalid field
// (the 4.2.0 fix of issue #6651).
func (s *Server) createUser(c *secCall) (any, error) {
	username, _ := c.str("username")
	password, _ := c.str("password")
	res, err := s.opts.RBAC.CreateUser(c.ctx, username, password)
	if err != nil {
		return nil, err
	}
	return envelope(res, "User was successfully created", "", "User could not be created"), nil
}

// deleteUsers serves DELETE /security/users?user_ids=... (security:delete
// on user:id). With "all", reserved users, the caller and vanished users
// are silently skipped.
func (s *Server) deleteUsers(c *secCall) (any, error) {
	return serveIDs(c, idsOp[rbac.User]{
		existing: s.allUserIDs, resource: "user:id",
		run: func(ids []int) (rbac.Result[rbac.User], error) {
			return s.opts.RBAC.DeleteUsers(c.ctx, c.caller(), ids)
		},
		expected: []int{rbac.CodeUserNotFound, rbac.CodeReservedUser, rbac.CodeCurrentUser},
		msgs:     [3]string{"Users were successfully deleted", "Some users were not deleted", "No user was deleted"},
	})
}

// updateUser serves PUT /security/users/{user_id} (security:update on
// user:id): a password change, refused with 5011 for reserved users unless
// the caller (from the verified token) is itself reserved.
func (s *Server) updateUser(c *secCall) (any, error) {
	var pw *string
	if v, ok := c.str("password"); ok {
		pw = &v
	}
	res, err := s.opts.RBAC.UpdateUserPassword(c.ctx, c.caller(), c.pathID, pw)
	if err != nil {
		return nil, err
	}
	return envelope(res, "User was successfully updated", "", "User could not be updated"), nil
}

// parseAllowRunAs reads allow_run_as (boolean, default false).
func parseAllowRunAs(c *secCall) *sdk.Error {
	v, err := query.ParseBool(c.q, "allow_run_as", false)
	if err != nil {
		return err
	}
	c.val = v
	return nil
}

// editRunAs serves PUT /security/users/{user_id}/run_as
// (security:edit_run_as on *:*:*). Like Wazuh it has no reserved-id
// protection.
func (s *Server) editRunAs(c *secCall) (any, error) {
	allow, _ := c.val.(bool)
	res, err := s.opts.RBAC.SetAllowRunAs(c.ctx, c.pathID, allow)
	if err != nil {
		return nil, err
	}
	verb := "disabled"
	if allow {
		verb = "enabled"
	}
	return envelope(res, "Parameter allow_run_as has been "+verb+" for the user", "",
		"The parameter allow_run_as could not be "+verb+" for the user"), nil
}

// allUserIDs lists every user id.
func (s *Server) allUserIDs(ctx context.Context) ([]int, error) {
	res, err := s.opts.RBAC.GetUsers(ctx, nil)
	ids := make([]int, len(res.Items))
	for i, u := range res.Items {
		ids[i] = u.ID
	}
	return ids, err
}

// str returns a string field of the body.
func (c *secCall) str(name string) (string, bool) {
	raw, ok := c.fields[name]
	if !ok {
		return "", false
	}
	var v string
	if json.Unmarshal(raw, &v) != nil {
		return "", false
	}
	return v, true
}

// envelope builds the AffectedItemsWazuhResult of an operation.
func envelope[T any](res rbac.Result[T], all, some, none string) *sdk.AffectedItemsResult {
	out := sdk.NewAffectedItems(all, some, none)
	for _, it := range res.Items {
		out.AddAffected(it)
	}
	out.SetTotal(res.Total)
	addFailures(out, res.Failed)
	return out
}
