package rbac

import (
	"strings"
	"testing"
)

const agentReadBody = `{"actions": ["agent:read"], "resources": ["agent:id:001"], "effect": "allow"}`

func TestRolesCRUD(t *testing.T) {
	s, _ := newTestStore(t)
	id := mkRole(t, s, "auditors")
	if id != 100 {
		t.Fatalf("role id %d", id)
	}
	wantFailed(t, must[Result[Role]](t)(s.CreateRole(bg, "auditors")), "auditors", CodeNameOrRuleExists)
	long := strings.Repeat("x", 65)
	wantFailed(t, must[Result[Role]](t)(s.CreateRole(bg, long)), long, CodeNameOrRuleExists)
	r := must[Result[Role]](t)(s.UpdateRole(bg, id, ptr("reviewers")))
	if r.Items[0].Name != "reviewers" {
		t.Fatalf("%+v", r)
	}
	_, err := s.UpdateRole(bg, id, nil)
	wantCode(t, err, CodeEmptyBody)
	wantFailed(t, must[Result[Role]](t)(s.UpdateRole(bg, 404, ptr("x"))), 404, CodeRoleNotFound)
	wantFailed(t, must[Result[Role]](t)(s.UpdateRole(bg, id, ptr("readonly"))), id, CodeNameOrRuleExists)
	del := must[Result[Role]](t)(s.DeleteRoles(bg, []int{id, 404}))
	wantFailed(t, del, 404, CodeRoleNotFound)
	if len(del.Items) != 1 || del.Items[0].ID != id {
		t.Fatalf("%+v", del)
	}
}

// security.md §9: nobody can modify or delete reserved role 1, nor
// policies and rules with id ≤ 99.
func TestReservedResourcesAreImmutable(t *testing.T) {
	s, _ := newTestStore(t)
	wantFailed(t, must[Result[Role]](t)(s.UpdateRole(bg, 1, ptr("root"))), 1, CodeReservedResource)
	wantFailed(t, must[Result[Role]](t)(s.DeleteRoles(bg, []int{1, 7, 99})), 1, CodeReservedResource, 7, CodeReservedResource, 99, CodeReservedResource)
	wantFailed(t, must[Result[Policy]](t)(s.UpdatePolicy(bg, 1, ptr("x"), nil)), 1, CodeReservedResource)
	wantFailed(t, must[Result[Policy]](t)(s.DeletePolicies(bg, []int{35})), 35, CodeReservedResource)
	wantFailed(t, must[Result[Rule]](t)(s.UpdateRule(bg, 1, nil, []byte(`{"MATCH":{"a":"b"}}`))), 1, CodeReservedResource)
	wantFailed(t, must[Result[Rule]](t)(s.DeleteRules(bg, []int{2})), 2, CodeReservedResource)
	// Deleting "all" leaves the defaults alone.
	all := must[Result[Role]](t)(s.DeleteRoles(bg, nil)).Without(CodeReservedResource, CodeRoleNotFound)
	if len(all.Items) != 0 || len(all.Failed) != 0 {
		t.Fatalf("%+v", all)
	}
	if r := must[Result[Role]](t)(s.GetRoles(bg, nil)); len(r.Items) != 7 {
		t.Fatalf("%d roles left", len(r.Items))
	}
}

func TestPoliciesCRUD(t *testing.T) {
	s, _ := newTestStore(t)
	r := must[Result[Policy]](t)(s.CreatePolicy(bg, "p1", []byte(`{"effect":"ALLOW","actions":["Agent:Read"],"resources":["Agent:ID:WebServer","agent:id:001&Node:Id:Master"]}`)))
	if len(r.Items) != 1 {
		t.Fatalf("%v", failures(r))
	}
	p := r.Items[0]
	// Sanitized (lower-cased except values) and key order kept.
	if want := `{"effect": "allow", "actions": ["agent:read"], "resources": ["agent:id:WebServer", "agent:id:001&node:id:Master"]}`; string(p.Policy) != want {
		t.Fatalf("stored %s", p.Policy)
	}
	if p.ID != 100 || len(p.Roles) != 0 {
		t.Fatalf("%+v", p)
	}
	wantFailed(t, must[Result[Policy]](t)(s.CreatePolicy(bg, "p1", []byte(agentReadBody))), "p1", CodeNameOrPolicyExists)
	mkPolicy(t, s, "p2", agentReadBody)
	wantFailed(t, must[Result[Policy]](t)(s.CreatePolicy(bg, "p3", []byte(agentReadBody))), "p3", CodeNameOrPolicyExists)
	wantFailed(t, must[Result[Policy]](t)(s.CreatePolicy(bg, "p4", []byte(`{"actions":["agent"],"resources":["agent:id:1"],"effect":"allow"}`))), "p4", CodeInvalidPolicy)
	wantFailed(t, must[Result[Policy]](t)(s.UpdatePolicy(bg, p.ID, ptr("p2"), nil)), p.ID, CodeNameExists)
	wantFailed(t, must[Result[Policy]](t)(s.UpdatePolicy(bg, p.ID, nil, []byte(agentReadBody))), p.ID, CodeNameExists)
	wantFailed(t, must[Result[Policy]](t)(s.UpdatePolicy(bg, p.ID, nil, []byte(`{"actions":[]}`))), p.ID, CodeInvalidPolicy)
	wantFailed(t, must[Result[Policy]](t)(s.UpdatePolicy(bg, 500, ptr("z"), nil)), 500, CodePolicyNotFound)
	_, err := s.UpdatePolicy(bg, p.ID, nil, nil)
	wantCode(t, err, CodeEmptyBody)
	u := must[Result[Policy]](t)(s.UpdatePolicy(bg, p.ID, ptr("renamed"), []byte(`{"actions":["agent:delete"],"resources":["agent:id:*"],"effect":"deny"}`)))
	if u.Items[0].Name != "renamed" || string(u.Items[0].Policy) != `{"actions": ["agent:delete"], "resources": ["agent:id:*"], "effect": "deny"}` {
		t.Fatalf("%+v", u.Items)
	}
	d := must[Result[Policy]](t)(s.DeletePolicies(bg, []int{p.ID, 900}))
	wantFailed(t, d, 900, CodePolicyNotFound)
}

func TestParsePolicyBody(t *testing.T) {
	ok := []string{
		`{"actions":["agent:read"],"resources":["agent:id:001"],"effect":"allow"}`,
		`{"actions":[],"resources":[],"effect":"deny"}`,
		`{"actions":["security:read"],"resources":["user:id:*","*:*:*","decoder:file:local_decoder.xml","list:file:etc/lists/x"],"effect":"allow"}`,
		`{"actions":["agent:read"],"resources":["agent:group:grupo_ñ"],"effect":"allow"}`,
		// Quirk kept: any effect string is stored (it behaves as deny).
		`{"actions":["agent:read"],"resources":["agent:id:1"],"effect":"maybe"}`,
		// Three-part combinations pass here and fail with 4500 when evaluated.
		`{"actions":["agent:read"],"resources":["a:b:1&c:d:2&e:f:3"],"effect":"allow"}`,
	}
	for _, b := range ok {
		if _, err := ParsePolicyBody([]byte(b)); err != nil {
			t.Errorf("ParsePolicyBody(%s) = %v", b, err)
		}
	}
	bad := []string{
		`[]`, `{}`, `not json`,
		`{"actions":["agent:read"],"resources":["agent:id:1"]}`,
		`{"actions":["agent:read"],"resources":["agent:id:1"],"effect":"allow","extra":1}`,
		`{"actions":"agent:read","resources":["agent:id:1"],"effect":"allow"}`,
		`{"actions":["agent:read"],"resources":["agent:id:1"],"effect":true}`,
		`{"actions":[1],"resources":["agent:id:1"],"effect":"allow"}`,
		`{"actions":["agent:read:x"],"resources":["agent:id:1"],"effect":"allow"}`,
		`{"actions":["agent:read"],"resources":["agent:id"],"effect":"allow"}`,
		`{"actions":["agent:read"],"resources":["agent:id:1:2"],"effect":"allow"}`,
		`{"actions":["agent:read"],"resources":["agent:id:a b"],"effect":"allow"}`,
		`{"actions":["agent:read\n"],"resources":["agent:id:1"],"effect":"allow"}`,
		`{"actions":["agent:read"],"resources":["agent:id:1&"],"effect":"allow"}`,
	}
	for _, b := range bad {
		_, err := ParsePolicyBody([]byte(b))
		wantCode(t, err, CodeInvalidPolicy)
	}
}

func TestRulesCRUD(t *testing.T) {
	s, _ := newTestStore(t)
	id := mkRule(t, s, "r1", `{"MATCH": {"office": ["20"]}}`)
	if id != 100 {
		t.Fatalf("rule id %d", id)
	}
	wantFailed(t, must[Result[Rule]](t)(s.CreateRule(bg, "r2", []byte(`["MATCH"]`))), "r2", CodeInvalidRule)
	wantFailed(t, must[Result[Rule]](t)(s.CreateRule(bg, "r1", []byte(`{"a":1}`))), "r1", CodeNameOrRuleExists)
	wantFailed(t, must[Result[Rule]](t)(s.CreateRule(bg, "r3", []byte(`{"MATCH":{"office":["20"]}}`))), "r3", CodeNameOrRuleExists)
	wantFailed(t, must[Result[Rule]](t)(s.UpdateRule(bg, id, nil, []byte(`"x"`))), id, CodeInvalidRule)
	wantFailed(t, must[Result[Rule]](t)(s.UpdateRule(bg, 321, ptr("x"), nil)), 321, CodeRuleNotFound)
	_, err := s.UpdateRule(bg, id, nil, nil)
	wantCode(t, err, CodeEmptyBody)
	u := must[Result[Rule]](t)(s.UpdateRule(bg, id, ptr("renamed"), []byte(`{"FIND":{"x":"y"}}`)))
	if u.Items[0].Name != "renamed" || string(u.Items[0].Rule) != `{"FIND": {"x": "y"}}` {
		t.Fatalf("%+v", u.Items)
	}
	d := must[Result[Rule]](t)(s.DeleteRules(bg, []int{id, 321}))
	wantFailed(t, d, 321, CodeRuleNotFound)
	if len(d.Items) != 1 {
		t.Fatalf("%+v", d)
	}
}
