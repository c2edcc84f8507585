package module

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/wazuh-go/server/sdk"
)

// actionName is the form of an RBAC action, "<resource>:<verb>", as in
// "manager:update_config" or "active-response:command".
var actionName = regexp.MustCompile(`^[a-z][a-z0-9_-]*:[a-z][a-z0-9_-]*$`)

// validateAllowChecks refuses a descriptor whose routes' AllowChecks name a
// malformed action, repeat one, or name an action that neither Wazuh's
// catalogue (known; nil accepts every well-formed action) nor the module's
// own Actions define. A misspelt check would otherwise never be allowed
// and silently mask secrets from everyone. Other modules' actions are not
// accepted: modules register in parallel, so whether one is already known
// would depend on timing.
func validateAllowChecks(name string, d sdk.Descriptor, known func(string) bool) error {
	for _, r := range d.Routes {
		for i, a := range r.AllowChecks {
			switch {
			case !actionName.MatchString(a):
				return fmt.Errorf("module %q: route %q: AllowChecks: %q is not an action name", name, r.ID, a)
			case slices.Contains(r.AllowChecks[:i], a):
				return fmt.Errorf("module %q: route %q: AllowChecks: %q is listed twice", name, r.ID, a)
			case known != nil && !known(a) && !slices.ContainsFunc(d.Actions, func(da sdk.Action) bool { return da.Name == a }):
				return fmt.Errorf("module %q: route %q: AllowChecks: unknown action %q (neither Wazuh's nor declared in the module's Actions)", name, r.ID, a)
			}
		}
	}
	return nil
}
