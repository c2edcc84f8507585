package rbac

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// fixturePath is Wazuh's own unit-test RBAC data; the test is skipped when
// the reference tree is not present.
const fixturePath = "/work/shared/reference/wazuh-4.14/fixtures/unit/schema_security_test.sql"

// TestWazuhUnitFixture loads Wazuh's schema_security_test.sql into a copy
// of a seeded database (as Wazuh's tests do) and checks the store reads it.
func TestWazuhUnitFixture(t *testing.T) {
	sqlText, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Skipf("reference fixture not available: %v", err)
	}
	path := filepath.Join(t.TempDir(), "rbac.db")
	copyFile(t, templateDB, path)
	s, err := Open(path, Options{ScryptN: 16})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.db.Exec(string(sqlText)).Error; err != nil {
		t.Fatalf("load fixture: %v", err)
	}
	u := must[*User](t)(s.GetUserByName(bg, "rbac"))
	if u.ID != 104 || !reflect.DeepEqual(u.Roles, []int{104, 102, 103}) {
		t.Fatalf("user rbac = %+v", u)
	}
	role := must[Result[Role]](t)(s.GetRoles(bg, []int{105}))
	if !reflect.DeepEqual(role.Items[0].Policies, []int{101, 107, 106, 109, 104, 108, 100, 105, 102, 103}) {
		t.Fatalf("role 105 policies %v", role.Items[0].Policies)
	}
	// Role 102 (technical): 101 agent:create on ids 001-003, 100 (*:*), 107
	// role:read on role:id:1, 104 deny agent:update/delete on agent:id:*.
	p := must[*Permissions](t)(s.Permissions(bg, []int{102}, ModeWhite))
	if ok := must[bool](t)(p.Allows(bg, nil, "agent:create", "agent:id:002")); !ok {
		t.Fatal("agent:create on 002")
	}
	if ok := must[bool](t)(p.Allows(bg, nil, "agent:delete", "agent:id:002")); ok {
		t.Fatal("agent:delete must be denied")
	}
	if ok := must[bool](t)(p.Allows(bg, nil, "role:read", "role:id:1")); !ok {
		t.Fatal("role:read on role 1")
	}
	// Role 105: policy 106 denies role:id:* after 107 allowed role:id:1,
	// then 105 allows role:id:* again (later wildcard wins).
	p = must[*Permissions](t)(s.Permissions(bg, []int{105}, ModeWhite))
	if ok := must[bool](t)(p.Allows(bg, nil, "role:read", "role:id:9")); !ok {
		t.Fatal("role:read on role 9 for role 105")
	}
	// run_as rules of the fixture: the regex key and MATCH definitions.
	must[Result[User]](t)(s.SetAllowRunAs(bg, 104, true))
	u = must[*User](t)(s.GetUser(bg, 104))
	roles := must[[]int](t)(s.RunAsRoles(bg, u, []byte(`{"authorizationX":["administrator"],"definition":"technicalRule"}`)))
	if !reflect.DeepEqual(roles, []int{100, 102}) {
		t.Fatalf("run_as roles %v", roles)
	}
}
