package rbac

import "testing"

// Default roles evaluated from the store: administrator is allowed
// everything it lists, readonly can read but not delete.
func TestStorePermissionsDefaults(t *testing.T) {
	s, _ := newTestStore(t)
	admin := must[*Permissions](t)(s.Permissions(bg, []int{1}, ModeWhite))
	if _, err := admin.Evaluate(bg, nil, Resourceless("security:create_user"), ForIDs("agent:delete", "agent:id", "001"),
		ForIDs("security:update", "user:id", "1"), Resourceless("event:ingest")); err != nil {
		t.Fatal(err)
	}
	ro := must[*Permissions](t)(s.Permissions(bg, []int{2}, ModeWhite))
	if sc := scopeOf(t, ro, nil, ListAll("agent:read", "agent:id")); !sc.All {
		t.Fatalf("%+v", sc)
	}
	wantDenied(t, ro, nil, "agent:id", ForIDs("agent:delete", "agent:id", "001"))
	wantDenied(t, ro, nil, "*:*", Resourceless("manager:update_config"))
	// Unknown roles contribute nothing.
	none := must[*Permissions](t)(s.Permissions(bg, []int{4242}, ModeWhite))
	if len(none.Actions()) != 0 {
		t.Fatal(none.Actions())
	}
}

// Role order decides precedence, and cached maps follow store changes.
func TestStorePermissionsOrderAndCache(t *testing.T) {
	s, _ := newTestStore(t)
	allowAll := mkPolicy(t, s, "allow-all", pol("allow", read, "agent:id:*"))
	deny1 := mkPolicy(t, s, "deny-1", pol("deny", read, "agent:id:001"))
	r1, r2 := mkRole(t, s, "r1"), mkRole(t, s, "r2")
	must[Result[Role]](t)(s.AddRolePolicies(bg, r1, []int{allowAll}, nil))
	must[Result[Role]](t)(s.AddRolePolicies(bg, r2, []int{deny1}, nil))
	p := must[*Permissions](t)(s.Permissions(bg, []int{r1, r2}, ModeWhite))
	if ok := must[bool](t)(p.Allows(bg, nil, "agent:read", "agent:id:001")); ok {
		t.Fatal("r1,r2: the later deny must win")
	}
	p = must[*Permissions](t)(s.Permissions(bg, []int{r2, r1}, ModeWhite))
	if ok := must[bool](t)(p.Allows(bg, nil, "agent:read", "agent:id:001")); !ok {
		t.Fatal("r2,r1: the later wildcard must win")
	}
	// Within a role, position order: put deny-1 before allow-all in r1.
	must[Result[Role]](t)(s.AddRolePolicies(bg, r1, []int{deny1}, ptr(0)))
	p = must[*Permissions](t)(s.Permissions(bg, []int{r1}, ModeWhite))
	if ok := must[bool](t)(p.Allows(bg, nil, "agent:read", "agent:id:001")); !ok {
		t.Fatal("cached map not refreshed after a role-policy change")
	}
	must[Result[Policy]](t)(s.UpdatePolicy(bg, allowAll, nil, []byte(pol("allow", read, "agent:id:002"))))
	p = must[*Permissions](t)(s.Permissions(bg, []int{r1}, ModeBlack))
	if p.Mode != ModeBlack || must[bool](t)(p.Allows(bg, nil, "agent:read", "agent:id:001")) {
		t.Fatal("cached map not refreshed after a policy edit")
	}
}
