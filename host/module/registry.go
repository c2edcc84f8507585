package module

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// ErrConflict is wrapped when two modules declare the same route id, an
// overlapping method and path, or the same action.
var ErrConflict = fmt.Errorf("module: descriptor conflict")

var pathVar = regexp.MustCompile(`\{[^}]*\}`)

// routeKey normalizes a route for overlap detection: variables match any
// segment, so /agents/{agent_id} and /agents/{id} overlap.
func routeKey(r sdk.Route) string {
	return strings.ToUpper(r.Method) + " " + pathVar.ReplaceAllString(r.Path, "{}")
}

// validateDescriptor checks one descriptor on its own.
func validateDescriptor(name string, d sdk.Descriptor) error {
	if d.Name != name {
		return fmt.Errorf("module %q describes itself as %q", name, d.Name)
	}
	ids := map[string]bool{}
	for _, r := range d.Routes {
		if r.ID == "" || r.Method == "" || !strings.HasPrefix(r.Path, "/") {
			return fmt.Errorf("module %q: route %q needs an id, a method and an absolute path", name, r.ID)
		}
		if ids[r.ID] {
			return fmt.Errorf("%w: module %q declares route id %q twice", ErrConflict, name, r.ID)
		}
		ids[r.ID] = true
	}
	return nil
}

// checkConflicts refuses a descriptor that overlaps descriptors already
// registered by other modules, naming both modules.
func checkConflicts(registered map[string]sdk.Descriptor, name string, d sdk.Descriptor) error {
	for other, od := range registered {
		if other == name {
			continue
		}
		for _, r := range d.Routes {
			for _, or := range od.Routes {
				if r.ID == or.ID {
					return fmt.Errorf("%w: route id %q is declared by modules %q and %q", ErrConflict, r.ID, other, name)
				}
				if routeKey(r) == routeKey(or) {
					return fmt.Errorf("%w: route %s %s of module %q overlaps %s %s of module %q", ErrConflict, r.Method, r.Path, name, or.Method, or.Path, other)
				}
			}
		}
		for _, a := range d.Actions {
			if slices.ContainsFunc(od.Actions, func(oa sdk.Action) bool { return oa.Name == a.Name }) {
				return fmt.Errorf("%w: action %q is declared by modules %q and %q", ErrConflict, a.Name, other, name)
			}
		}
	}
	return nil
}

// sameDescriptor reports whether a restarted module still describes the
// routes it was registered with (Vault's ErrMismatchPaths check).
func sameDescriptor(a, b sdk.Descriptor) bool {
	if a.Name != b.Name || len(a.Routes) != len(b.Routes) {
		return false
	}
	for i := range a.Routes {
		ra, rb := a.Routes[i], b.Routes[i]
		if ra.ID != rb.ID || routeKey(ra) != routeKey(rb) || !slices.Equal(ra.Permissions, rb.Permissions) ||
			!slices.Equal(ra.AllowChecks, rb.AllowChecks) {
			return false
		}
	}
	return true
}

// grantFor intersects what a module needs with what the operator granted
// (nil grant = everything it needs).
func grantFor(needs sdk.Capabilities, grant *sdk.Capabilities) sdk.Capabilities {
	if grant == nil {
		return needs
	}
	keep := func(want, allowed []string) []string {
		var out []string
		for _, w := range want {
			if slices.Contains(allowed, w) {
				out = append(out, w)
			}
		}
		return out
	}
	return sdk.Capabilities{WDB: keep(needs.WDB, grant.WDB), Sockets: keep(needs.Sockets, grant.Sockets), Files: keep(needs.Files, grant.Files)}
}
