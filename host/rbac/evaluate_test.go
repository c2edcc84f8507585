package rbac

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

// perms builds a permission map from policy bodies.
func perms(t *testing.T, mode Mode, bodies ...string) *Permissions {
	t.Helper()
	p, err := ProcessPolicies(mode, bodies)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func pol(effect string, actions []string, resources ...string) string {
	return policyJSON(actions, resources, effect)
}

func scopeOf(t *testing.T, p *Permissions, resolve GroupResolver, req Requirement) sdk.ResourceScope {
	t.Helper()
	ss, err := p.Evaluate(bg, resolve, req)
	if err != nil {
		t.Fatalf("Evaluate(%+v): %v", req, err)
	}
	return ss[0]
}

func wantDenied(t *testing.T, p *Permissions, resolve GroupResolver, rtype string, reqs ...Requirement) {
	t.Helper()
	_, err := p.Evaluate(bg, resolve, reqs...)
	wantCode(t, err, CodePermissionDenied)
	if err.(*sdk.Error).Message != "Permission denied: Resource type: "+rtype || err.(*sdk.Error).Status() != 403 {
		t.Fatalf("error %+v", err)
	}
}

var read = []string{"agent:read"}

// security.md §9: white mode, no roles: resourceless → 403 "*:*"; listing
// agents → empty scope, no error.
func TestWhiteModeNoRoles(t *testing.T) {
	p := perms(t, ModeWhite)
	wantDenied(t, p, nil, "*:*", Resourceless("agent:create"))
	sc := scopeOf(t, p, nil, ListAll("agent:read", "agent:id"))
	if !sc.Empty() {
		t.Fatalf("scope %+v", sc)
	}
}

// security.md §9: agents_list=001,002 with an allow for agent:id:001 only.
func TestPartialExplicitIDs(t *testing.T) {
	p := perms(t, ModeWhite, pol("allow", read, "agent:id:001"))
	sc := scopeOf(t, p, nil, ForIDs("agent:read", "agent:id", "001", "002"))
	allowed, denied := sc.Partition([]string{"001", "002"})
	if !reflect.DeepEqual(allowed, []string{"001"}) || !reflect.DeepEqual(denied, []string{"002"}) {
		t.Fatalf("allowed %v denied %v", allowed, denied)
	}
	// All explicit ids denied → 403.
	wantDenied(t, p, nil, "agent:id", ForIDs("agent:read", "agent:id", "002", "003"))
}

// security.md §9: order decides; a later wildcard wins.
func TestPolicyOrder(t *testing.T) {
	p := perms(t, ModeWhite, pol("allow", read, "agent:id:*"), pol("deny", read, "agent:id:001"))
	sc := scopeOf(t, p, nil, ListAll("agent:read", "agent:id"))
	if !sc.All || !reflect.DeepEqual(sc.Deny, []string{"001"}) || sc.Permits("001") || !sc.Permits("002") {
		t.Fatalf("allow * then deny 001: %+v", sc)
	}
	p = perms(t, ModeWhite, pol("deny", read, "agent:id:001"), pol("allow", read, "agent:id:*"))
	sc = scopeOf(t, p, nil, ListAll("agent:read", "agent:id"))
	if !sc.All || len(sc.Deny) != 0 || !sc.Permits("001") {
		t.Fatalf("deny 001 then allow *: %+v", sc)
	}
	// The processed map shows the wildcard wiped the earlier entry.
	if r := p.Resources("agent:read"); len(r) != 1 || r[0].Resource != "agent:id:*" {
		t.Fatalf("map %+v", r)
	}
	// A later specific entry overrides an earlier wildcard.
	p = perms(t, ModeWhite, pol("deny", read, "agent:id:*"), pol("allow", read, "agent:id:007"))
	sc = scopeOf(t, p, nil, ListAll("agent:read", "agent:id"))
	if sc.All || !reflect.DeepEqual(sc.Allow, []string{"007"}) {
		t.Fatalf("deny * then allow 007: %+v", sc)
	}
	// Same resource later: moved to the end with the new effect.
	p = perms(t, ModeWhite, pol("allow", read, "agent:id:001", "agent:id:002"), pol("deny", read, "agent:id:001"))
	if r := p.Resources("agent:read"); len(r) != 2 || r[1] != (ResourceEffect{"agent:id:001", "deny"}) {
		t.Fatalf("map %+v", r)
	}
}

// groups is a mutable fake of wazuh-db's group membership.
type groups map[string][]string

func (g groups) resolve(calls *int) GroupResolver {
	return func(_ context.Context, name string) ([]string, error) {
		*calls++
		if name == "*" {
			var all []string
			for _, ids := range g {
				all = append(all, ids...)
			}
			return all, nil
		}
		return g[name], nil
	}
}

// security.md §9: agent:group:web grants exactly the agents in web, and
// moving an agent out revokes access without a new token.
func TestAgentGroupExpansion(t *testing.T) {
	g := groups{"web": {"001", "002"}, "db": {"003"}}
	calls := 0
	p := perms(t, ModeWhite, pol("allow", read, "agent:group:web"))
	sc := scopeOf(t, p, g.resolve(&calls), ListAll("agent:read", "agent:id"))
	if sc.All || !reflect.DeepEqual(sc.Allow, []string{"001", "002"}) {
		t.Fatalf("%+v", sc)
	}
	g["web"] = []string{"002"}
	sc = scopeOf(t, p, g.resolve(&calls), ForIDs("agent:read", "agent:id", "001", "002"))
	if sc.Permits("001") || !sc.Permits("002") {
		t.Fatalf("after moving 001 out: %+v", sc)
	}
	// agent:group deny after an id wildcard.
	p = perms(t, ModeWhite, pol("allow", read, "agent:id:*"), pol("deny", read, "agent:group:db"))
	sc = scopeOf(t, p, g.resolve(&calls), ListAll("agent:read", "agent:id"))
	if !sc.All || !reflect.DeepEqual(sc.Deny, []string{"003"}) {
		t.Fatalf("%+v", sc)
	}
	// The administrator's agent:id:* + agent:group:* needs no lookup.
	calls = 0
	p = perms(t, ModeWhite, pol("allow", read, "agent:id:*", "agent:group:*"))
	sc = scopeOf(t, p, g.resolve(&calls), ListAll("agent:read", "agent:id"))
	if !sc.All || calls != 0 {
		t.Fatalf("%+v, %d lookups", sc, calls)
	}
	// agent:group:* alone means agents in any group.
	p = perms(t, ModeWhite, pol("allow", read, "agent:group:*"))
	sc = scopeOf(t, p, g.resolve(&calls), ListAll("agent:read", "agent:id"))
	if sc.All || !sc.Permits("002") || !sc.Permits("003") || sc.Permits("000") {
		t.Fatalf("%+v", sc)
	}
	// A wildcard of another type wipes agent:group entries (Wazuh quirk).
	p = perms(t, ModeWhite, pol("allow", read, "agent:group:web"), pol("allow", read, "node:id:*"))
	if r := p.Resources("agent:read"); len(r) != 1 || r[0].Resource != "node:id:*" {
		t.Fatalf("map %+v", r)
	}
}

// security.md §9: black mode allows everything not denied.
func TestBlackMode(t *testing.T) {
	p := perms(t, ModeBlack)
	if _, err := p.Evaluate(bg, nil, Resourceless("agent:create"), ListAll("agent:read", "agent:id")); err != nil {
		t.Fatal(err)
	}
	if sc := scopeOf(t, p, nil, ForIDs("agent:read", "agent:id", "001")); !sc.All {
		t.Fatalf("%+v", sc)
	}
	p = perms(t, ModeBlack, pol("deny", read, "agent:id:001"), pol("deny", []string{"agent:create"}, "*:*:*"))
	wantDenied(t, p, nil, "*:*", Resourceless("agent:create"))
	wantDenied(t, p, nil, "agent:id", ForIDs("agent:read", "agent:id", "001"))
	if sc := scopeOf(t, p, nil, ForIDs("agent:read", "agent:id", "001", "002")); sc.Permits("001") || !sc.Permits("002") {
		t.Fatalf("%+v", sc)
	}
}

// security.md §9: relationship endpoints need the action on both types.
func TestBothResourceTypesRequired(t *testing.T) {
	upd := []string{"security:update"}
	p := perms(t, ModeWhite, pol("allow", upd, "user:id:*"))
	wantDenied(t, p, nil, "role:id",
		ForIDs("security:update", "user:id", "100"), ForIDs("security:update", "role:id", "5"))
	p = perms(t, ModeWhite, pol("allow", upd, "user:id:*"), pol("allow", upd, "role:id:5"))
	ss, err := p.Evaluate(bg, nil, ForIDs("security:update", "user:id", "100"), ForIDs("security:update", "role:id", "5", "6"))
	if err != nil || len(ss) != 2 || !ss[1].Permits("5") || ss[1].Permits("6") {
		t.Fatalf("%+v %v", ss, err)
	}
	if ok := must[bool](t)(p.Allows(bg, nil, "security:update", "role:id:6")); ok {
		t.Fatal("role 6 allowed")
	}
	if ok := must[bool](t)(p.Allows(bg, nil, "security:update", "user:id:5")); !ok {
		t.Fatal("user 5 denied")
	}
}

func TestResourcelessAndBareStar(t *testing.T) {
	p := perms(t, ModeWhite, pol("allow", []string{"mitre:read"}, "*"))
	if r := p.Resources("mitre:read"); r[0].Resource != "*:*:*" {
		t.Fatalf("%+v", r)
	}
	if ok := must[bool](t)(p.Allows(bg, nil, "mitre:read", "*:*:*")); !ok {
		t.Fatal("denied")
	}
	// A resourceless allow grants nothing on typed resources.
	p = perms(t, ModeWhite, pol("allow", read, "*:*:*"))
	if sc := scopeOf(t, p, nil, ListAll("agent:read", "agent:id")); !sc.Empty() {
		t.Fatalf("%+v", sc)
	}
	// Anything but "allow" is a deny.
	p = perms(t, ModeBlack, pol("maybe", []string{"mitre:read"}, "*:*:*"))
	wantDenied(t, p, nil, "*:*", Resourceless("mitre:read"))
}

func TestCombinedResources(t *testing.T) {
	act := []string{"x:do"}
	p := perms(t, ModeWhite, pol("allow", act, "node:id:*&file:name:a.xml"), pol("deny", act, "node:id:n2&file:name:a.xml"))
	rtype := "node:id&file:name"
	sc := scopeOf(t, p, nil, ForIDs("x:do", rtype, "n1&a.xml", "n2&a.xml", "n1&b.xml"))
	allowed, _ := sc.Partition([]string{"n1&a.xml", "n2&a.xml", "n1&b.xml"})
	if !reflect.DeepEqual(allowed, []string{"n1&a.xml"}) {
		t.Fatalf("allowed %v", allowed)
	}
	if ok := must[bool](t)(p.Allows(bg, nil, "x:do", "node:id:n3&file:name:a.xml")); !ok {
		t.Fatal("combined wildcard not applied")
	}
	// Combined entries never apply to single types.
	if sc := scopeOf(t, p, nil, ListAll("x:do", "node:id")); !sc.Empty() {
		t.Fatalf("%+v", sc)
	}
	// More than two parts is 4500 at evaluation.
	_, err := ProcessPolicies(ModeWhite, []string{pol("allow", act, "a:b:1&c:d:2&e:f:3")})
	wantCode(t, err, CodeInvalidResources)
	_, err = ProcessPolicies(ModeWhite, []string{pol("allow", act, "agent:id:a b")})
	wantCode(t, err, CodeInvalidResources)
}

// security.md §9: /security/users/me/policies shows the processed map plus
// rbac_mode.
func TestPermissionsJSON(t *testing.T) {
	p := perms(t, ModeWhite, pol("allow", []string{"agent:read", "agent:delete"}, "agent:id:*", "agent:group:*"), pol("deny", read, "agent:id:001"))
	b := must[[]byte](t)(json.Marshal(p))
	want := `{"agent:read":{"agent:id:*":"allow","agent:group:*":"allow","agent:id:001":"deny"},"agent:delete":{"agent:id:*":"allow","agent:group:*":"allow"},"rbac_mode":"white"}`
	if string(b) != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}
	if !slices.Equal(p.Actions(), []string{"agent:read", "agent:delete"}) {
		t.Fatal(p.Actions())
	}
}
