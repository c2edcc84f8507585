package rbac

// HasAllow reports whether the processed permission map holds an explicit
// allow entry for action, on any resource. It is how Wazuh 4.14.7's
// @mask_sensitive_config decides whether a caller sees configuration
// secrets: "unless the caller has an allow entry for manager:update_config
// or cluster:update_config, ... replaced with *****; the must-be-allow
// check was added in 4.14.7" (security.md §4.5, line 336; §8 row
// "4.14.0 / 4.14.7", line 431: "Mask secrets unless there is an explicit
// allow").
//
// So, unlike Evaluate, the mode plays no part: in black mode an action no
// policy mentions is allowed for the framework call but has no allow
// entry, and secrets stay masked. A deny entry never counts; an allow on a
// single resource (node:id:worker1) does. Entries are those left after
// ProcessPolicies' folding, so an allow superseded by a later deny on the
// same resource, or by a later wildcard deny of its type, is gone.
func (p *Permissions) HasAllow(action string) bool {
	for _, e := range p.m.byAction[action] {
		if e.Effect == EffectAllow {
			return true
		}
	}
	return false
}

// AllowedActions reports HasAllow for each of actions. The map has an
// entry for every action, true or false; nil when actions is empty. It
// reads the cached permission map only: no database access.
func (p *Permissions) AllowedActions(actions []string) map[string]bool {
	if len(actions) == 0 {
		return nil
	}
	out := make(map[string]bool, len(actions))
	for _, a := range actions {
		out[a] = p.HasAllow(a)
	}
	return out
}
