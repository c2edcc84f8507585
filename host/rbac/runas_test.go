package rbac

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/wazuh-go/server/host/rbac/authcontext"
)

func runAs(t *testing.T, s *Store, username, ctx string) []int {
	t.Helper()
	u, err := s.GetUserByName(bg, username)
	if err != nil {
		t.Fatal(err)
	}
	roles, err := s.RunAsRoles(bg, u, []byte(ctx))
	if err != nil {
		t.Fatalf("RunAsRoles(%s, %s): %v", username, ctx, err)
	}
	return roles
}

// security.md §9: allow_run_as=false gets 403 with 6004.
func TestRunAsDisabled(t *testing.T) {
	s, _ := newTestStore(t)
	id := mkUser(t, s, "plain")
	u := must[*User](t)(s.GetUser(bg, id))
	_, err := s.RunAsRoles(bg, u, []byte(`{"username":"elastic"}`))
	wantCode(t, err, CodeRunAsDisabled)
	if err.(interface{ Status() int }).Status() != 403 {
		t.Fatal("6004 must be a 403")
	}
}

// security.md §9: roles only from rule matches; default rules only for
// wazuh-wui.
func TestRunAsRoleMapping(t *testing.T) {
	s, _ := newTestStore(t)
	if got := runAs(t, s, "wazuh-wui", `{"username":"elastic"}`); !reflect.DeepEqual(got, []int{1}) {
		t.Fatalf("wazuh-wui elastic: %v", got)
	}
	if got := runAs(t, s, "wazuh-wui", `{"nested":{"user_name":"admin"}}`); !reflect.DeepEqual(got, []int{1}) {
		t.Fatalf("wazuh-wui opensearch admin: %v", got)
	}
	if got := runAs(t, s, "wazuh", `{"username":"elastic"}`); len(got) != 0 {
		t.Fatalf("default rules applied to wazuh: %v", got)
	}
	// A custom rule applies to any run_as user; user-role links are ignored.
	id := mkUser(t, s, "dashboard")
	must[Result[User]](t)(s.SetAllowRunAs(bg, id, true))
	ops := mkRole(t, s, "ops")
	must[Result[User]](t)(s.AddUserRoles(bg, id, []int{ops}, nil))
	rule := mkRule(t, s, "ops-office", `{"AND":[{"MATCH":{"office":"20"}},{"NOT":{"FIND":{"disabled":true}}}]}`)
	must[Result[Role]](t)(s.AddRoleRules(bg, 3, []int{rule}))
	must[Result[Role]](t)(s.AddRoleRules(bg, 1, []int{rule}))
	if got := runAs(t, s, "dashboard", `{"office":["20","21"]}`); !reflect.DeepEqual(got, []int{1, 3}) {
		t.Fatalf("custom rule: %v", got)
	}
	if got := runAs(t, s, "dashboard", `{"office":["20"],"x":{"disabled":true}}`); len(got) != 0 {
		t.Fatalf("NOT ignored: %v", got)
	}
	// No match: no roles (in white mode that means no permissions).
	if got := runAs(t, s, "dashboard", `{}`); got == nil || len(got) != 0 {
		t.Fatalf("empty context: %#v", got)
	}
}

// security.md §9: nesting deeper than 8 grants nothing, and tagged payloads
// are plain data (CVE-2025-24016).
func TestRunAsLimitsAndPlainData(t *testing.T) {
	s, _ := newTestStore(t)
	deep := strings.Repeat(`{"a":`, 9) + `{"username":"elastic"}` + strings.Repeat(`}`, 9)
	if got := runAs(t, s, "wazuh-wui", deep); len(got) != 0 {
		t.Fatalf("deep context granted %v", got)
	}
	shallow := strings.Repeat(`{"a":`, 3) + `{"username":"elastic"}` + strings.Repeat(`}`, 3)
	if got := runAs(t, s, "wazuh-wui", shallow); !reflect.DeepEqual(got, []int{1}) {
		t.Fatalf("depth 3: %v", got)
	}
	if got := runAs(t, s, "wazuh-wui", `{"__unhandled_exc__":{"__class__":"exit","__args__":[]}}`); len(got) != 0 {
		t.Fatalf("payload granted %v", got)
	}
	u := must[*User](t)(s.GetUser(bg, 2))
	_, err := s.RunAsRoles(bg, u, []byte(`{"a":"`+strings.Repeat("x", 8200)+`"}`))
	if !errors.Is(err, authcontext.ErrContextTooLarge) {
		t.Fatalf("large context: %v", err)
	}
}

func TestHashAuthContextMatchesPython(t *testing.T) {
	// blake2b(json.dumps(ctx).encode(), digest_size=16) computed with CPython.
	got, err := HashAuthContext([]byte(`{"username":"elastic","roles":["a","é"],"n":1.0,"nested":{"x":[1,2e3]}}`))
	if err != nil || got != "ba179a4d690ab59e5f2d5b1ead13c4b8" {
		t.Fatalf("%s %v", got, err)
	}
}
