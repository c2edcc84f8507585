package rbac

import (
	"testing"
	"time"
)

// tokenFixture is a user with one custom role linked to a custom policy.
type tokenFixture struct {
	s      *Store
	clk    *testClock
	user   int
	role   int
	policy int
}

func newTokenFixture(t *testing.T) *tokenFixture {
	s, clk := newTestStore(t)
	f := &tokenFixture{s: s, clk: clk}
	f.user = mkUser(t, s, "tok")
	f.role = mkRole(t, s, "tok-role")
	f.policy = mkPolicy(t, s, "tok-policy", agentReadBody)
	must[Result[Role]](t)(s.AddRolePolicies(bg, f.role, []int{f.policy}, nil))
	must[Result[User]](t)(s.AddUserRoles(bg, f.user, []int{f.role}, nil))
	clk.Set(testStart.Add(time.Minute))
	return f
}

func (f *tokenFixture) valid(t *testing.T, roles []int, nbf int64, runAs bool) bool {
	t.Helper()
	ok, err := f.s.CheckToken("tok", roles, nbf, runAs)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// security.md §9: a token issued before each of these operations is
// rejected afterwards.
func TestTokenInvalidatedByOperations(t *testing.T) {
	ops := map[string]func(t *testing.T, f *tokenFixture){
		"logout": func(t *testing.T, f *tokenFixture) { noErr(t, f.s.Logout(bg, "tok")) },
		"password change": func(t *testing.T, f *tokenFixture) {
			must[Result[User]](t)(f.s.UpdateUserPassword(bg, "wazuh", f.user, ptr("Other12!")))
		},
		"run_as flag": func(t *testing.T, f *tokenFixture) { must[Result[User]](t)(f.s.SetAllowRunAs(bg, f.user, false)) },
		"policy edit": func(t *testing.T, f *tokenFixture) {
			must[Result[Policy]](t)(f.s.UpdatePolicy(bg, f.policy, ptr("renamed"), nil))
		},
		"policy delete": func(t *testing.T, f *tokenFixture) { must[Result[Policy]](t)(f.s.DeletePolicies(bg, []int{f.policy})) },
		"role-policy link": func(t *testing.T, f *tokenFixture) {
			must[Result[Role]](t)(f.s.AddRolePolicies(bg, f.role, []int{4}, nil))
		},
		"role-policy unlink": func(t *testing.T, f *tokenFixture) {
			must[Result[Role]](t)(f.s.RemoveRolePolicies(bg, f.role, []int{f.policy}))
		},
		"role rename": func(t *testing.T, f *tokenFixture) { must[Result[Role]](t)(f.s.UpdateRole(bg, f.role, ptr("renamed"))) },
		"rule edit on role": func(t *testing.T, f *tokenFixture) {
			rule := mkRule(t, f.s, "r", `{"MATCH":{"a":"b"}}`)
			must[Result[Role]](t)(f.s.AddRoleRules(bg, f.role, []int{rule}))
			f.clk.Set(f.clk.Now().Add(time.Minute))
			must[Result[Rule]](t)(f.s.UpdateRule(bg, rule, ptr("r2"), nil))
		},
	}
	for name, op := range ops {
		t.Run(name, func(t *testing.T) {
			f := newTokenFixture(t)
			roles := []int{f.role}
			nbf := f.clk.Unix() - 10
			if !f.valid(t, roles, nbf, false) {
				t.Fatal("token invalid before the operation")
			}
			op(t, f)
			if f.valid(t, roles, nbf, false) {
				t.Fatal("token still valid after the operation")
			}
			// A new token issued a second later is fine (same roles).
			if name != "role-policy unlink" && !f.valid(t, roles, f.clk.Unix()+1, false) {
				t.Fatal("fresh token rejected")
			}
		})
	}
}

// security.md §9: adding or removing a user-role link rejects old tokens.
func TestTokenInvalidatedByRoleChange(t *testing.T) {
	f := newTokenFixture(t)
	nbf := f.clk.Unix() - 10
	other := mkRole(t, f.s, "other")
	must[Result[User]](t)(f.s.AddUserRoles(bg, f.user, []int{other}, nil))
	if f.valid(t, []int{f.role}, nbf, false) || f.valid(t, []int{f.role, other}, nbf, false) {
		t.Fatal("token survived a role link")
	}
	// Without the blacklist rule, a differing role set alone rejects it.
	if f.valid(t, []int{f.role}, f.clk.Unix()+1, false) {
		t.Fatal("token with a stale role set accepted")
	}
	if !f.valid(t, []int{other, f.role}, f.clk.Unix()+1, false) {
		t.Fatal("role order must not matter")
	}
}

// security.md §9: strict second semantics.
func TestTokenSameSecondIsRejected(t *testing.T) {
	f := newTokenFixture(t)
	now := f.clk.Unix()
	if err := f.s.InvalidateUsers(bg, f.user); err != nil {
		t.Fatal(err)
	}
	if f.valid(t, []int{f.role}, now, false) {
		t.Fatal("token issued in the invalidation second accepted")
	}
	if !f.valid(t, []int{f.role}, now+1, false) {
		t.Fatal("token issued one second later rejected")
	}
	if err := f.s.InvalidateRoles(bg, f.role); err != nil {
		t.Fatal(err)
	}
	if f.valid(t, []int{f.role}, now, false) || !f.valid(t, []int{f.role}, now+1, false) {
		t.Fatal("role rule is not strict")
	}
}

func TestTokenOfDeletedUser(t *testing.T) {
	f := newTokenFixture(t)
	nbf := f.clk.Unix() - 10
	must[Result[User]](t)(f.s.DeleteUsers(bg, "wazuh", []int{f.user}))
	if f.valid(t, []int{f.role}, nbf, false) || f.valid(t, []int{f.role}, nbf+3600, false) {
		t.Fatal("token of a deleted user accepted")
	}
}

// security.md §9: role-rule changes kill every run_as token and leave normal
// tokens alone.
func TestRoleRuleChangeInvalidatesRunAsOnly(t *testing.T) {
	f := newTokenFixture(t)
	must[Result[User]](t)(f.s.SetAllowRunAs(bg, f.user, true))
	f.clk.Set(f.clk.Now().Add(time.Minute))
	nbf := f.clk.Unix() - 10
	rule := mkRule(t, f.s, "r", `{"MATCH":{"a":"b"}}`)
	if !f.valid(t, []int{f.role}, nbf, true) {
		t.Fatal("run_as token invalid before")
	}
	must[Result[Role]](t)(f.s.AddRoleRules(bg, f.role, []int{rule}))
	if f.valid(t, []int{f.role}, nbf, true) {
		t.Fatal("run_as token survived a role-rule link")
	}
	if !f.valid(t, []int{f.role}, nbf, false) {
		t.Fatal("normal token killed by a role-rule link")
	}
	// wazuh (allow_run_as) run_as tokens die too.
	if ok, _ := f.s.CheckToken("wazuh", []int{5}, nbf, true); ok {
		t.Fatal("other user's run_as token survived")
	}
}

// security.md §9 (fix over Wazuh): logout works for a user with no roles,
// including its run_as tokens.
func TestLogoutUserWithoutRoles(t *testing.T) {
	s, clk := newTestStore(t)
	id := mkUser(t, s, "lonely")
	must[Result[User]](t)(s.SetAllowRunAs(bg, id, true))
	clk.Set(testStart.Add(time.Minute))
	nbf := clk.Unix() - 5
	for _, runAs := range []bool{false, true} {
		if ok, _ := s.CheckToken("lonely", []int{3}, nbf, runAs); !ok {
			t.Fatalf("token (run_as=%v) invalid before logout", runAs)
		}
	}
	if err := s.Logout(bg, "lonely"); err != nil {
		t.Fatal(err)
	}
	for _, runAs := range []bool{false, true} {
		if ok, _ := s.CheckToken("lonely", []int{3}, nbf, runAs); ok {
			t.Fatalf("token (run_as=%v) survived logout", runAs)
		}
	}
	// The run_as rule is checked without roles as well.
	if err := s.InvalidateRunAs(bg); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.CheckToken("lonely", nil, clk.Unix(), true); ok {
		t.Fatal("run_as rule ignored for a role-less user")
	}
}

func TestRevokeAllAndPurge(t *testing.T) {
	f := newTokenFixture(t)
	noErr(t, f.s.InvalidateUsers(bg, f.user))
	noErr(t, f.s.InvalidateRoles(bg, f.role, 1))
	noErr(t, f.s.InvalidateRunAs(bg))
	var n int64
	f.s.db.Raw(`SELECT (SELECT COUNT(*) FROM users_token_blacklist)+(SELECT COUNT(*) FROM roles_token_blacklist)+(SELECT COUNT(*) FROM runas_token_blacklist)`).Scan(&n)
	if n != 4 {
		t.Fatalf("%d rules", n)
	}
	var until int64
	f.s.db.Raw(`SELECT is_valid_until - nbf_invalid_until FROM users_token_blacklist`).Scan(&until)
	if until != DefaultTokenTimeout {
		t.Fatalf("is_valid_until - nbf = %d", until)
	}
	// Nothing has expired yet; 901 s later everything has.
	if got := must[int64](t)(f.s.PurgeExpired(bg)); got != 0 {
		t.Fatalf("purged %d", got)
	}
	f.clk.Set(f.clk.Now().Add((DefaultTokenTimeout + 1) * time.Second))
	if got := must[int64](t)(f.s.PurgeExpired(bg)); got != 4 {
		t.Fatalf("purged %d", got)
	}
	noErr(t, f.s.InvalidateUsers(bg, f.user))
	noErr(t, f.s.RevokeAll(bg))
	f.s.db.Raw(`SELECT COUNT(*) FROM users_token_blacklist`).Scan(&n)
	if n != 0 {
		t.Fatal("RevokeAll left rules")
	}
}

func TestGenerationCounts(t *testing.T) {
	s, _ := newTestStore(t)
	g := s.Generation()
	mkRole(t, s, "g")
	if s.Generation() <= g {
		t.Fatal("create did not bump the generation")
	}
	g = s.Generation()
	noErr(t, s.InvalidateRunAs(bg))
	if s.Generation() <= g {
		t.Fatal("invalidation did not bump the generation")
	}
	g = s.Generation()
	must[Result[Role]](t)(s.GetRoles(bg, nil))
	if s.Generation() != g {
		t.Fatal("a read bumped the generation")
	}
}
