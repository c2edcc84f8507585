package authcontext

import (
	"errors"
	"testing"

	"github.com/wazuh-go/server/sdk/pyjson"
)

// FuzzRuleMatch feeds arbitrary rule and context documents to the engine:
// it must never panic, must be deterministic, and may fail only with the
// documented errors.
func FuzzRuleMatch(f *testing.F) {
	f.Add([]byte(`{"FIND":{"username":"elastic"}}`), []byte(`{"username":"elastic"}`))
	f.Add([]byte(`{"MATCH$":{"office":["20","21"]}}`), []byte(`{"office":["21","20"]}`))
	f.Add([]byte(`{"NOT":[{"OR":{"MATCH":{"r'^a'":"r'b.*$'"}}}]}`), []byte(`{"ab":["bb",{"x":[1,2.5,true,null]}]}`))
	f.Fuzz(func(t *testing.T, ruleJSON, ctxJSON []byte) {
		r, err := ParseRule(ruleJSON)
		if err != nil {
			return
		}
		ctx, err := ParseContext(ctxJSON)
		if err != nil {
			return
		}
		got, err := r.Match(ctx)
		if err != nil && !errors.Is(err, ErrDepthExceeded) {
			t.Fatalf("unexpected error %v", err)
		}
		if err != nil && got {
			t.Fatal("granted despite an error")
		}
		again, err2 := r.Match(ctx)
		if again != got || (err == nil) != (err2 == nil) {
			t.Fatal("non-deterministic result")
		}
		// Re-encoding the context must not change the verdict.
		back, err := pyjson.Decode(pyjson.Encode(ctx))
		if err != nil {
			return // e.g. an overflowing float re-encodes as Infinity
		}
		if third, _ := r.Match(back); third != got {
			t.Fatal("verdict changed after a JSON round trip")
		}
	})
}
