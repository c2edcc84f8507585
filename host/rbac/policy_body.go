package rbac

import (
	"regexp"
	"strings"

	"github.com/wazuh-go/server/sdk/pyjson"
)

// Policy body keys.
const (
	keyActions   = "actions"
	keyResources = "resources"
	keyEffect    = "effect"
)

// Effects of a policy. Wazuh stores any lower-cased string; only "allow"
// grants, everything else behaves as a deny.
const (
	EffectAllow = "allow"
	EffectDeny  = "deny"
)

var (
	// actionPattern is the ORM's check on each action.
	actionPattern = regexp.MustCompile(`^[a-zA-Z_\-]+:[a-zA-Z_\-]+$`)
	// resourcePartPattern is the ORM's check on each "&"-separated resource
	// part; \w is Unicode, as in Python 3.
	resourcePartPattern = regexp.MustCompile(`^[a-zA-Z_\-*]+:[\p{L}\p{N}_\-*]+:[\p{L}\p{N}_\-/.*]+$`)
)

// ParsePolicyBody validates a policy body for storage as POST
// /security/policies and PUT /security/policies/{id} do, returning the body
// to store: Python's json.dumps of the sanitized object, key order kept.
//
// Sanitizing lower-cases the actions, every resource part but its value, and
// the effect. Validation then requires exactly the keys actions (a list),
// resources (a list) and effect (a string), every action to match
// ^[a-zA-Z_\-]+:[a-zA-Z_\-]+$ and every "&"-separated resource part to match
// ^[a-zA-Z_\-*]+:[\w_\-*]+:[\w_\-\/.*]+$. Any violation is error 4006.
// Like Wazuh, the effect is not restricted to allow/deny and actions are not
// checked against the catalogue. Unlike Python's re.match, whose "$" also
// matches before a final "\n", a trailing newline is rejected.
func ParsePolicyBody(data []byte) (string, error) {
	v, err := pyjson.Decode(data)
	if err != nil {
		return "", wazuhError(CodeInvalidPolicy)
	}
	obj, ok := v.(*pyjson.Object)
	if !ok || obj.Len() != 3 {
		return "", wazuhError(CodeInvalidPolicy)
	}
	actions, okA := stringList(obj, keyActions)
	resources, okR := stringList(obj, keyResources)
	effectV, _ := obj.Get(keyEffect)
	effect, okE := effectV.(string)
	if !okA || !okR || !okE {
		return "", wazuhError(CodeInvalidPolicy)
	}
	for i, a := range actions {
		actions[i] = strings.ToLower(a)
		if !actionPattern.MatchString(actions[i]) {
			return "", wazuhError(CodeInvalidPolicy)
		}
	}
	for i, r := range resources {
		resources[i] = sanitizeResource(r)
		for _, part := range strings.Split(resources[i], "&") {
			if !resourcePartPattern.MatchString(part) {
				return "", wazuhError(CodeInvalidPolicy)
			}
		}
	}
	obj.Set(keyActions, toValues(actions))
	obj.Set(keyResources, toValues(resources))
	obj.Set(keyEffect, strings.ToLower(effect))
	return string(pyjson.Encode(obj)), nil
}

// sanitizeResource lower-cases every ":"-separated segment of each "&" part
// except the last (the value), as sanitize_rbac_policy does.
func sanitizeResource(r string) string {
	parts := strings.Split(r, "&")
	for i, p := range parts {
		segs := strings.Split(p, ":")
		for j := 0; j < len(segs)-1; j++ {
			segs[j] = strings.ToLower(segs[j])
		}
		parts[i] = strings.Join(segs, ":")
	}
	return strings.Join(parts, "&")
}

// stringList returns obj[key] when it is a list of strings.
func stringList(obj *pyjson.Object, key string) ([]string, bool) {
	v, ok := obj.Get(key)
	if !ok {
		return nil, false
	}
	list, ok := v.([]pyjson.Value)
	if !ok {
		return nil, false
	}
	out := make([]string, len(list))
	for i, e := range list {
		s, ok := e.(string)
		if !ok {
			return nil, false
		}
		out[i] = s
	}
	return out, true
}

func toValues(ss []string) []pyjson.Value {
	out := make([]pyjson.Value, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// policyJSON builds the stored text of a policy from its parts, in Wazuh's
// default key order (used for seeding).
func policyJSON(actions, resources []string, effect string) string {
	obj := pyjson.NewObject()
	obj.Set(keyActions, toValues(actions))
	obj.Set(keyResources, toValues(resources))
	obj.Set(keyEffect, effect)
	return string(pyjson.Encode(obj))
}
