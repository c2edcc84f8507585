package module

import (
	"errors"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

func desc(name string, routes ...sdk.Route) sdk.Descriptor {
	return sdk.Descriptor{Name: name, Routes: routes}
}

func TestOverlappingRoutesAreRefusedNamingBothModules(t *testing.T) {
	registered := map[string]sdk.Descriptor{
		"agent": desc("agent", sdk.Route{ID: "agent.get_agent", Method: "GET", Path: "/agents/{agent_id}"}),
	}
	err := checkConflicts(registered, "rogue", desc("rogue", sdk.Route{ID: "rogue.get", Method: "GET", Path: "/agents/{id}"}))
	if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), `"agent"`) || !strings.Contains(err.Error(), `"rogue"`) {
		t.Fatalf("overlap: %v", err)
	}
	err = checkConflicts(registered, "rogue", desc("rogue", sdk.Route{ID: "agent.get_agent", Method: "PUT", Path: "/other"}))
	if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "agent.get_agent") {
		t.Fatalf("duplicate id: %v", err)
	}
	if err := checkConflicts(registered, "fine", desc("fine", sdk.Route{ID: "fine.put", Method: "PUT", Path: "/agents/{agent_id}"})); err != nil {
		t.Fatalf("same path, other method must be accepted: %v", err)
	}
}

func TestDuplicateActionsAreRefused(t *testing.T) {
	registered := map[string]sdk.Descriptor{"a": {Name: "a", Actions: []sdk.Action{{Name: "a:read"}}}}
	if err := checkConflicts(registered, "b", sdk.Descriptor{Name: "b", Actions: []sdk.Action{{Name: "a:read"}}}); !errors.Is(err, ErrConflict) {
		t.Fatalf("got %v", err)
	}
}

func TestValidateDescriptor(t *testing.T) {
	if err := validateDescriptor("x", desc("y")); err == nil {
		t.Fatal("a module must describe itself with its configured name")
	}
	if err := validateDescriptor("x", desc("x", sdk.Route{ID: "x.a", Method: "GET", Path: "/a"}, sdk.Route{ID: "x.a", Method: "GET", Path: "/b"})); !errors.Is(err, ErrConflict) {
		t.Fatalf("duplicate ids: %v", err)
	}
	if err := validateDescriptor("x", desc("x", sdk.Route{ID: "x.a", Method: "GET", Path: "relative"})); err == nil {
		t.Fatal("relative path must be refused")
	}
}

func TestRestartMustKeepRoutes(t *testing.T) {
	a := desc("x", sdk.Route{ID: "x.a", Method: "GET", Path: "/a/{id}"})
	if !sameDescriptor(a, desc("x", sdk.Route{ID: "x.a", Method: "GET", Path: "/a/{other}"})) {
		t.Fatal("renaming a path variable keeps the route")
	}
	if sameDescriptor(a, desc("x", sdk.Route{ID: "x.a", Method: "GET", Path: "/b/{id}"})) {
		t.Fatal("a moved route is a changed descriptor")
	}
}

func TestGrantNarrowsNeeds(t *testing.T) {
	needs := sdk.Capabilities{WDB: []string{"global", "agent"}, Sockets: []string{"ar"}}
	got := grantFor(needs, &sdk.Capabilities{WDB: []string{"global"}})
	if len(got.WDB) != 1 || got.WDB[0] != "global" || len(got.Sockets) != 0 {
		t.Fatalf("grant: %+v", got)
	}
	if g := grantFor(needs, nil); len(g.WDB) != 2 {
		t.Fatalf("nil grant gives the needs: %+v", g)
	}
}
