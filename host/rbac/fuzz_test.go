package rbac

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

// FuzzParsePolicyBody checks the policy validator used on create/update:
// no panics, only error 4006, idempotent output, and every accepted body
// loads in the evaluator (except combinations of more than two parts, which
// Wazuh also rejects only at evaluation time with 4500).
func FuzzParsePolicyBody(f *testing.F) {
	f.Add([]byte(`{"actions":["agent:read"],"resources":["agent:id:001"],"effect":"allow"}`))
	f.Add([]byte(`{"effect":"DENY","resources":["Agent:Group:web&node:id:*"],"actions":["Agent:Delete"]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		text, err := ParsePolicyBody(body)
		if err != nil {
			var werr *sdk.Error
			if !errors.As(err, &werr) || werr.Code != CodeInvalidPolicy {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		again, err := ParsePolicyBody([]byte(text))
		if err != nil || again != text {
			t.Fatalf("not idempotent: %q -> %q (%v)", text, again, err)
		}
		if _, err := ProcessPolicies(ModeWhite, []string{text}); err != nil {
			var werr *sdk.Error
			if !errors.As(err, &werr) || werr.Code != CodeInvalidResources || !strings.Contains(text, "&") {
				t.Fatalf("accepted policy %s does not load: %v", text, err)
			}
		}
	})
}

// FuzzProcessPolicies feeds arbitrary stored policy texts (as found in an
// attached database) to the loader and evaluates the result: no panics,
// errors are only 4500 or ErrCorruptPolicy, and the map renders as JSON.
func FuzzProcessPolicies(f *testing.F) {
	f.Add([]byte(`{"actions": ["agent:read"], "resources": ["agent:id:*", "agent:group:*"], "effect": "allow"}`), "agent:id", "001")
	f.Add([]byte(`{"actions": ["*:*"], "resources": ["*:*"], "effect": "allow"}`), "*:*", "*")
	f.Fuzz(func(t *testing.T, body []byte, rtype, id string) {
		p, err := ProcessPolicies(ModeWhite, []string{string(body), string(body)})
		if err != nil {
			var werr *sdk.Error
			if !errors.Is(err, ErrCorruptPolicy) && !(errors.As(err, &werr) && werr.Code == CodeInvalidResources) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		out, err := json.Marshal(p)
		if err != nil || !json.Valid(out) {
			t.Fatalf("bad JSON %s: %v", out, err)
		}
		resolve := func(_ context.Context, g string) ([]string, error) { return []string{g}, nil }
		for _, action := range p.Actions() {
			reqs := []Requirement{ForIDs(action, rtype, id), ListAll(action, rtype), Resourceless(action)}
			for _, mode := range []Mode{ModeWhite, ModeBlack} {
				p.Mode = mode
				for _, req := range reqs {
					_, err := p.Evaluate(bg, resolve, req)
					var werr *sdk.Error
					if err != nil && !(errors.As(err, &werr) && werr.Code == CodePermissionDenied) {
						t.Fatalf("Evaluate: %v", err)
					}
				}
			}
		}
	})
}
