package rbac

import (
	"reflect"
	"testing"
)

func TestUserRolesPositions(t *testing.T) {
	s, _ := newTestStore(t)
	u := mkUser(t, s, "u")
	a, b, c, d := mkRole(t, s, "a"), mkRole(t, s, "b"), mkRole(t, s, "c"), mkRole(t, s, "d")
	r := must[Result[User]](t)(s.AddUserRoles(bg, u, []int{a, b}, nil))
	if r.Total != 2 || len(r.Items) != 1 || !reflect.DeepEqual(r.Items[0].Roles, []int{a, b}) {
		t.Fatalf("%+v", r)
	}
	// Insert at 0: the others shift up.
	r = must[Result[User]](t)(s.AddUserRoles(bg, u, []int{c, d}, ptr(0)))
	if !reflect.DeepEqual(r.Items[0].Roles, []int{c, d, a, b}) {
		t.Fatalf("roles %v", r.Items[0].Roles)
	}
	wantFailed(t, must[Result[User]](t)(s.AddUserRoles(bg, u, []int{a, 999}, nil)), a, CodeUserRoleExists, 999, CodeRoleNotFound)
	_, err := s.AddUserRoles(bg, u, []int{a}, ptr(-1))
	wantCode(t, err, CodeNegativeLevel)
	// Removing does not renumber; appending goes after the highest level.
	must[Result[User]](t)(s.RemoveUserRoles(bg, u, []int{d}))
	e := mkRole(t, s, "e")
	r = must[Result[User]](t)(s.AddUserRoles(bg, u, []int{e}, ptr(50))) // clamped
	if !reflect.DeepEqual(r.Items[0].Roles, []int{c, a, b, e}) {
		t.Fatalf("roles %v", r.Items[0].Roles)
	}
	var levels []int
	s.db.Raw(`SELECT level FROM user_roles WHERE user_id = ? ORDER BY level`, u).Scan(&levels)
	if !reflect.DeepEqual(levels, []int{0, 2, 3, 4}) {
		t.Fatalf("levels %v", levels)
	}
	wantFailed(t, must[Result[User]](t)(s.RemoveUserRoles(bg, u, []int{d, 999})), d, CodeUserRoleMissing, 999, CodeRoleNotFound)
	wantFailed(t, must[Result[User]](t)(s.AddUserRoles(bg, 4242, []int{a, b}, nil)), 4242, CodeUserNotFound)
}

// security.md §9: roles of users 1 and 2 cannot be changed.
func TestUserRolesReservedUsers(t *testing.T) {
	s, _ := newTestStore(t)
	role := mkRole(t, s, "x")
	for _, uid := range []int{1, 2} {
		wantFailed(t, must[Result[User]](t)(s.AddUserRoles(bg, uid, []int{role, 2}, nil)), uid, CodeReservedResource)
		wantFailed(t, must[Result[User]](t)(s.RemoveUserRoles(bg, uid, []int{1})), uid, CodeReservedResource)
	}
}

func TestRolePoliciesPositions(t *testing.T) {
	s, _ := newTestStore(t)
	role := mkRole(t, s, "r")
	p1 := mkPolicy(t, s, "p1", `{"actions":["agent:read"],"resources":["agent:id:001"],"effect":"allow"}`)
	p2 := mkPolicy(t, s, "p2", `{"actions":["agent:read"],"resources":["agent:id:002"],"effect":"allow"}`)
	p3 := mkPolicy(t, s, "p3", `{"actions":["agent:read"],"resources":["agent:id:003"],"effect":"allow"}`)
	r := must[Result[Role]](t)(s.AddRolePolicies(bg, role, []int{p1, p2, 4}, nil))
	if r.Total != 3 || !reflect.DeepEqual(r.Items[0].Policies, []int{p1, p2, 4}) {
		t.Fatalf("%+v", r)
	}
	r = must[Result[Role]](t)(s.AddRolePolicies(bg, role, []int{p3}, ptr(1)))
	if !reflect.DeepEqual(r.Items[0].Policies, []int{p1, p3, p2, 4}) {
		t.Fatalf("policies %v", r.Items[0].Policies)
	}
	// Removing a role-policy link closes the gap.
	must[Result[Role]](t)(s.RemoveRolePolicies(bg, role, []int{p1}))
	var levels []int
	s.db.Raw(`SELECT level FROM roles_policies WHERE role_id = ? ORDER BY level`, role).Scan(&levels)
	if !reflect.DeepEqual(levels, []int{0, 1, 2}) {
		t.Fatalf("levels %v", levels)
	}
	wantFailed(t, must[Result[Role]](t)(s.AddRolePolicies(bg, role, []int{p3, 999}, nil)), p3, CodeRolePolicyExists, 999, CodePolicyNotFound)
	wantFailed(t, must[Result[Role]](t)(s.RemoveRolePolicies(bg, role, []int{p1})), p1, CodeRolePolicyMissing)
	wantFailed(t, must[Result[Role]](t)(s.AddRolePolicies(bg, 777, []int{p1, p2}, nil)), 777, CodeRoleNotFound)
	_, err := s.AddRolePolicies(bg, role, []int{p1}, ptr(-2))
	wantCode(t, err, CodeNegativeLevel)
}

// security.md §9: policies of roles 1-7 cannot be changed, but a default
// policy may be linked to a custom role.
func TestRolePoliciesReservedRoles(t *testing.T) {
	s, _ := newTestStore(t)
	p := mkPolicy(t, s, "p", agentReadBody)
	for role := 1; role <= 7; role++ {
		wantFailed(t, must[Result[Role]](t)(s.AddRolePolicies(bg, role, []int{p}, nil)), role, CodeReservedResource)
		wantFailed(t, must[Result[Role]](t)(s.RemoveRolePolicies(bg, role, []int{1})), role, CodeReservedResource)
	}
	custom := mkRole(t, s, "custom")
	if r := must[Result[Role]](t)(s.AddRolePolicies(bg, custom, []int{1, 2}, nil)); r.Total != 2 {
		t.Fatalf("%v", failures(r))
	}
}

// security.md §9: linking a rule with id ≤ 99 gives 4008; a custom rule can
// be linked to the administrator role.
func TestRoleRulesReservedRules(t *testing.T) {
	s, _ := newTestStore(t)
	custom := mkRole(t, s, "custom")
	wantFailed(t, must[Result[Role]](t)(s.AddRoleRules(bg, custom, []int{1})), 1, CodeReservedResource)
	wantFailed(t, must[Result[Role]](t)(s.RemoveRoleRules(bg, 1, []int{2})), 2, CodeReservedResource)
	rule := mkRule(t, s, "idp-admins", `{"MATCH":{"groups":["admins"]}}`)
	r := must[Result[Role]](t)(s.AddRoleRules(bg, 1, []int{rule}))
	if r.Total != 1 || !reflect.DeepEqual(r.Items[0].Rules, []int{1, 2, rule}) {
		t.Fatalf("%+v %v", r, failures(r))
	}
	wantFailed(t, must[Result[Role]](t)(s.AddRoleRules(bg, 1, []int{rule, 555})), rule, CodeRoleRuleExists, 555, CodeRuleNotFound)
	wantFailed(t, must[Result[Role]](t)(s.AddRoleRules(bg, 888, []int{rule})), 888, CodeRoleNotFound)
	must[Result[Role]](t)(s.RemoveRoleRules(bg, 1, []int{rule}))
	wantFailed(t, must[Result[Role]](t)(s.RemoveRoleRules(bg, 1, []int{rule})), rule, CodeRoleRuleMissing)
}

func TestRoleDetails(t *testing.T) {
	s, _ := newTestStore(t)
	d := must[[]RoleDetail](t)(s.RoleDetails(bg, []int{3, 1, 404}))
	if len(d) != 2 || d[0].ID != 3 || len(d[0].Policies) != 2 || d[0].Policies[0].Name != "users_all_resourceless" ||
		len(d[1].Rules) != 2 || d[1].Rules[0].Name != "wui_elastic_admin" {
		t.Fatalf("%+v", d)
	}
}
