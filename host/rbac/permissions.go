package rbac

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/wazuh-go/server/sdk/pyjson"
)

// Mode is the RBAC mode of security.yaml, baked into each token.
type Mode string

// RBAC modes (security.md §4.3).
const (
	// ModeWhite denies whatever no policy allows (the default).
	ModeWhite Mode = "white"
	// ModeBlack allows whatever no policy denies.
	ModeBlack Mode = "black"
)

// ResourceEffect is one entry of a processed permission map.
type ResourceEffect struct {
	// Resource is a user resource such as "agent:id:001", "agent:group:web",
	// "*:*:*" or a combination "a:b:1&c:d:2".
	Resource string
	// Effect is the policy's effect; only "allow" grants.
	Effect string
}

// Permissions is the processed permission map of a list of roles (Wazuh's
// optimize_resources) together with the RBAC mode: for each action, in order
// of first appearance, its resources in evaluation order. It is immutable
// and shared between requests.
type Permissions struct {
	// Mode is the token's rbac_mode.
	Mode Mode
	m    *policyMap
}

// policyMap is the mode-independent part of Permissions.
type policyMap struct {
	actions  []string
	byAction map[string][]ResourceEffect
}

// preprocessPart approximates the resource check of Wazuh's PreProcessor.
var preprocessPart = regexp.MustCompile(`^[\p{L}\p{N}_.\-*]+:[\p{L}\p{N}_.\-*]+:[\p{L}\p{N}_.\-*/]+$`)

// maxCombinedParts is the longest "&" combination the evaluator supports.
const maxCombinedParts = 2

// ProcessPolicies builds the permission map from stored policy bodies in
// precedence order (roles in token order, each role's policies by level), as
// Wazuh's PreProcessor does: for every action and resource, the previous
// entry for the same resource is removed; a resource ending in "*" also
// removes every earlier single (non-"&") resource starting with its type and
// every "agent:group" resource; the new entry goes last. So the later
// policy wins. A bare "*" becomes "*:*:*". A malformed resource or a
// combination of more than two parts is error 4500.
func ProcessPolicies(mode Mode, bodies []string) (*Permissions, error) {
	m := &policyMap{byAction: map[string][]ResourceEffect{}}
	for _, body := range bodies {
		if err := m.process(body); err != nil {
			return nil, err
		}
	}
	return &Permissions{Mode: mode, m: m}, nil
}

// ErrCorruptPolicy reports a stored policy that is not a Wazuh policy body.
var ErrCorruptPolicy = errors.New("rbac: stored policy is not a valid policy body")

func (m *policyMap) process(body string) error {
	v, err := pyjson.Decode([]byte(body))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCorruptPolicy, err)
	}
	obj, ok := v.(*pyjson.Object)
	if !ok {
		return ErrCorruptPolicy
	}
	actions, okA := stringList(obj, keyActions)
	resources, okR := stringList(obj, keyResources)
	ev, _ := obj.Get(keyEffect)
	effect, okE := ev.(string)
	if !okA || !okR || !okE {
		return ErrCorruptPolicy
	}
	for _, action := range actions {
		if _, seen := m.byAction[action]; !seen {
			m.actions = append(m.actions, action)
			m.byAction[action] = nil
		}
		for _, resource := range resources {
			if !preprocessResourceOK(resource) {
				return wazuhError(CodeInvalidResources)
			}
			if len(strings.Split(resource, "&")) > maxCombinedParts {
				return wazuhError(CodeInvalidResources, "The maximum length for permission combinations is two")
			}
			if resource == "*" {
				resource = "*:*:*"
			}
			list := removePrevious(m.byAction[action], resource)
			m.byAction[action] = append(list, ResourceEffect{Resource: resource, Effect: effect})
		}
	}
	return nil
}

// preprocessResourceOK reproduces the preprocessor regex, whose first
// alternative lets through anything starting with "*".
func preprocessResourceOK(r string) bool {
	if strings.HasPrefix(r, "*") {
		return true
	}
	for _, part := range strings.Split(r, "&") {
		if !preprocessPart.MatchString(part) {
			return false
		}
	}
	return true
}

// removePrevious drops the entries a new resource supersedes.
func removePrevious(list []ResourceEffect, resource string) []ResourceEffect {
	segs := strings.Split(resource, ":")
	rtype := strings.Join(segs[:len(segs)-1], ":")
	wildcard := segs[len(segs)-1] == "*"
	out := make([]ResourceEffect, 0, len(list)+1)
	for _, e := range list {
		if e.Resource == resource {
			continue
		}
		if wildcard && ((strings.HasPrefix(e.Resource, rtype) && !strings.Contains(e.Resource, "&")) ||
			strings.HasPrefix(e.Resource, "agent:group")) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// Actions returns the actions of the map in order of first appearance.
func (p *Permissions) Actions() []string {
	return append([]string(nil), p.m.actions...)
}

// Resources returns the resources of action in evaluation order.
func (p *Permissions) Resources(action string) []ResourceEffect {
	return append([]ResourceEffect(nil), p.m.byAction[action]...)
}

// MarshalJSON renders the map as GET /security/users/me/policies shows it:
// {"<action>": {"<resource>": "<effect>", ...}, ..., "rbac_mode": "<mode>"},
// in processing order.
func (p *Permissions) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for _, action := range p.m.actions {
		writeJSONKey(&b, action)
		b.WriteByte('{')
		for i, e := range p.m.byAction[action] {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONKey(&b, e.Resource)
			writeJSONString(&b, e.Effect)
		}
		b.WriteString("},")
	}
	writeJSONKey(&b, "rbac_mode")
	writeJSONString(&b, string(p.Mode))
	b.WriteByte('}')
	return b.Bytes(), nil
}

func writeJSONKey(b *bytes.Buffer, s string) {
	writeJSONString(b, s)
	b.WriteByte(':')
}

func writeJSONString(b *bytes.Buffer, s string) {
	enc, _ := json.Marshal(s) // marshaling a string cannot fail
	b.Write(enc)
}
