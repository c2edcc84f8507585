package api

import (
	"context"
	"slices"

	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/sdk"
)

// AllowEvaluator is implemented by an Authorizer that can evaluate a
// route's sdk.Route.AllowChecks. It is a separate, optional interface so
// that Authorize keeps its meaning (deny or scope): when Options.Authz does
// not implement it, module requests carry no Allows and modules fail
// closed (secrets stay masked).
type AllowEvaluator interface {
	// AllowedActions reports, for each of actions, whether the caller's
	// processed policies hold an explicit allow entry for it on any
	// resource, whatever the RBAC mode (rbac.Permissions.HasAllow). It
	// must not touch the database when the caller's permission map is
	// cached. A *sdk.Error (500, 1000) reports a failure to read the
	// policies.
	AllowedActions(ctx context.Context, id *auth.Identity, actions []string) (map[string]bool, *sdk.Error)
}

// IsWazuhAction reports whether name is an action of Wazuh 4.14's RBAC
// catalogue (the actions GET /security/actions lists before modules'). The
// module manager uses it to refuse Route.AllowChecks naming an action that
// neither Wazuh nor the module defines.
func IsWazuhAction(name string) bool {
	return slices.ContainsFunc(wazuhActions, func(a catalogAction) bool { return a.Name == name })
}

// allowsFor evaluates a route's AllowChecks for the caller; nil when the
// route declares none or the Authorizer cannot evaluate them.
func allowsFor(ctx context.Context, eval AllowEvaluator, id *auth.Identity, checks []string) (map[string]bool, *sdk.Error) {
	if len(checks) == 0 || eval == nil || id == nil {
		return nil, nil
	}
	return eval.AllowedActions(ctx, id, checks)
}
