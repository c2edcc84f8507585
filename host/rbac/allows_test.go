package rbac

import (
	"reflect"
	"testing"
)

var (
	managerUpdate = []string{"manager:update_config"}
	clusterUpdate = []string{"cluster:update_config"}
	secretChecks  = []string{"manager:update_config", "cluster:update_config"}
)

// security.md §4.5: secrets need an allow entry for manager:update_config
// or cluster:update_config; a deny does not count (4.14.7), nor does the
// black mode's default.
func TestAllowedActions(t *testing.T) {
	for _, c := range []struct {
		name   string
		mode   Mode
		bodies []string
		want   map[string]bool
	}{
		{"white, no policies", ModeWhite, nil, map[string]bool{"manager:update_config": false, "cluster:update_config": false}},
		{"black, no policies", ModeBlack, nil, map[string]bool{"manager:update_config": false, "cluster:update_config": false}},
		{"black, unrelated allow", ModeBlack, []string{pol("allow", []string{"manager:read"}, "*:*:*")},
			map[string]bool{"manager:update_config": false, "cluster:update_config": false}},
		{"deny only", ModeWhite, []string{pol("deny", managerUpdate, "*:*:*"), pol("deny", clusterUpdate, "node:id:*")},
			map[string]bool{"manager:update_config": false, "cluster:update_config": false}},
		{"allow manager", ModeWhite, []string{pol("allow", managerUpdate, "*:*:*")},
			map[string]bool{"manager:update_config": true, "cluster:update_config": false}},
		{"allow manager in black mode", ModeBlack, []string{pol("allow", managerUpdate, "*:*:*")},
			map[string]bool{"manager:update_config": true, "cluster:update_config": false}},
		{"allow on one node counts", ModeWhite, []string{pol("allow", clusterUpdate, "node:id:worker1")},
			map[string]bool{"manager:update_config": false, "cluster:update_config": true}},
		{"allow one node, deny another", ModeWhite, []string{pol("allow", clusterUpdate, "node:id:worker1"), pol("deny", clusterUpdate, "node:id:worker2")},
			map[string]bool{"manager:update_config": false, "cluster:update_config": true}},
		// The folding removes an allow a later policy supersedes.
		{"allow then deny, same resource", ModeWhite, []string{pol("allow", managerUpdate, "*:*:*"), pol("deny", managerUpdate, "*:*:*")},
			map[string]bool{"manager:update_config": false, "cluster:update_config": false}},
		{"allow one node then deny all nodes", ModeWhite, []string{pol("allow", clusterUpdate, "node:id:worker1"), pol("deny", clusterUpdate, "node:id:*")},
			map[string]bool{"manager:update_config": false, "cluster:update_config": false}},
		{"deny then allow", ModeWhite, []string{pol("deny", managerUpdate, "*:*:*"), pol("allow", managerUpdate, "*:*:*")},
			map[string]bool{"manager:update_config": true, "cluster:update_config": false}},
	} {
		p := perms(t, c.mode, c.bodies...)
		if got := p.AllowedActions(secretChecks); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if got := perms(t, ModeWhite).AllowedActions(nil); got != nil {
		t.Fatalf("no actions: %v", got)
	}
}

// The default roles: administrator (cluster_all) holds both allows,
// readonly neither.
func TestAllowedActionsDefaultRoles(t *testing.T) {
	s, _ := newTestStore(t)
	admin := must[*Permissions](t)(s.Permissions(bg, []int{1}, ModeWhite))
	if got := admin.AllowedActions(secretChecks); !got["manager:update_config"] || !got["cluster:update_config"] {
		t.Fatalf("administrator: %v", got)
	}
	ro := must[*Permissions](t)(s.Permissions(bg, []int{2}, ModeBlack))
	if got := ro.AllowedActions(secretChecks); got["manager:update_config"] || got["cluster:update_config"] {
		t.Fatalf("readonly: %v", got)
	}
}

// run_as tokens carry the roles their rules matched; those roles' allows
// count like any other.
func TestAllowedActionsRunAsRoles(t *testing.T) {
	s, _ := newTestStore(t)
	role := mkRole(t, s, "cluster_editor")
	must[Result[Role]](t)(s.AddRolePolicies(bg, role, []int{mkPolicy(t, s, "edit_nodes", pol("allow", clusterUpdate, "node:id:*"))}, nil))
	must[Result[Role]](t)(s.AddRoleRules(bg, role, []int{mkRule(t, s, "editors", `{"MATCH": {"team": "editors"}}`)}))
	must[Result[User]](t)(s.SetAllowRunAs(bg, mkUser(t, s, "sso"), true))
	roles := runAs(t, s, "sso", `{"team": "editors"}`)
	if !reflect.DeepEqual(roles, []int{role}) {
		t.Fatalf("run_as roles %v", roles)
	}
	p := must[*Permissions](t)(s.Permissions(bg, roles, ModeWhite))
	if got := p.AllowedActions(secretChecks); got["manager:update_config"] || !got["cluster:update_config"] {
		t.Fatalf("run_as: %v", got)
	}
	if got := runAs(t, s, "sso", `{"team": "others"}`); len(got) != 0 {
		t.Fatalf("no rule matched, roles %v", got)
	}
}
