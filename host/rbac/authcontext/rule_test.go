package authcontext

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func eval(t *testing.T, rule, ctx string) (bool, error) {
	t.Helper()
	r, err := ParseRule([]byte(rule))
	if err != nil {
		t.Fatalf("ParseRule(%s): %v", rule, err)
	}
	c, err := ParseContext([]byte(ctx))
	if err != nil {
		t.Fatalf("ParseContext(%s): %v", ctx, err)
	}
	return r.Match(c)
}

func TestRuleLanguage(t *testing.T) {
	cases := []struct {
		name, rule, ctx string
		want            bool
	}{
		// security.md §9: MATCH scalar in list, MATCH$ exact.
		{"match scalar in list", `{"MATCH":{"office":"20"}}`, `{"office":["20","21"]}`, true},
		{"match$ scalar vs list", `{"MATCH$":{"office":"20"}}`, `{"office":["20","21","30"]}`, false},
		{"match$ scalar vs one-element list", `{"MATCH$":{"office":"20"}}`, `{"office":["20"]}`, true},
		{"match list subset", `{"MATCH":{"office":["20","21"]}}`, `{"office":["21","30","20"]}`, true},
		{"match list not subset", `{"MATCH":{"office":["20","22"]}}`, `{"office":["21","20"]}`, false},
		{"match$ same set", `{"MATCH$":{"office":["20","21"]}}`, `{"office":["21","20"]}`, true},
		{"match$ superset", `{"MATCH$":{"office":["20","21"]}}`, `{"office":["21","20","30"]}`, false},
		{"match$ duplicates are not a set match", `{"MATCH$":{"office":["20","20"]}}`, `{"office":["20","21"]}`, false},
		{"match scalar equality", `{"MATCH":{"username":"elastic"}}`, `{"username":"elastic"}`, true},
		{"match missing key", `{"MATCH":{"username":"elastic"}}`, `{"user":"elastic"}`, false},
		{"match only at root", `{"MATCH":{"username":"elastic"}}`, `{"a":{"username":"elastic"}}`, false},
		{"match all keys required", `{"MATCH":{"a":"1","b":"2"}}`, `{"a":"1","b":"3"}`, false},
		{"match nested dict", `{"MATCH":{"a":{"b":"x"}}}`, `{"a":{"b":"x","c":"y"}}`, true},
		{"match int equals float", `{"MATCH":{"n":1}}`, `{"n":1.0}`, true},
		{"match python bool is int", `{"MATCH":{"n":1}}`, `{"n":true}`, true},
		{"match string is not number", `{"MATCH":{"n":"1"}}`, `{"n":1}`, false},
		{"find at depth 3", `{"FIND":{"username":"elastic"}}`, `{"a":{"b":{"c":{"username":"elastic"}}}}`, true},
		{"find inside list", `{"FIND":{"user_name":"admin"}}`, `{"users":[{"x":1},{"user_name":"admin"}]}`, true},
		{"find$ exact", `{"FIND$":{"roles":["a"]}}`, `{"x":{"roles":["a","b"]}}`, false},
		{"find$ exact ok", `{"FIND$":{"roles":["b","a"]}}`, `{"x":{"roles":["a","b"]}}`, true},
		{"default elastic rule", `{"FIND":{"username":"elastic"}}`, `{"username":"elastic"}`, true},
		{"regex key", `{"FIND":{"r'^auth[a-zA-Z]+$'":["administrator"]}}`, `{"authorization":["administrator","x"]}`, true},
		{"regex key no match", `{"FIND":{"r'^auth[a-zA-Z]+$'":["administrator"]}}`, `{"other":["administrator"]}`, false},
		{"regex value anchored at start", `{"MATCH":{"name":"r'adm'"}}`, `{"name":"xadmin"}`, false},
		{"regex value prefix", `{"MATCH":{"name":"r'adm'"}}`, `{"name":"admin"}`, true},
		// Quirk reproduced: s[2:-2] drops the final "$".
		{"regex drops last char", `{"MATCH":{"name":"r'^admin$'"}}`, `{"name":"administrator"}`, true},
		{"regex in list", `{"MATCH":{"groups":"r'^ops'"}}`, `{"groups":["dev","ops-team"]}`, true},
		{"uncompilable regex is literal", `{"MATCH":{"name":"r'(?=a)x'"}}`, `{"name":"r'(?=a)x'"}`, true},
		{"and", `{"AND":[{"MATCH":{"a":"1"}},{"MATCH":{"b":"2"}}]}`, `{"a":"1","b":"2"}`, true},
		{"and fails", `{"AND":[{"MATCH":{"a":"1"}},{"MATCH":{"b":"3"}}]}`, `{"a":"1","b":"2"}`, false},
		{"or", `{"OR":[{"MATCH":{"a":"9"}},{"MATCH":{"b":"2"}}]}`, `{"a":"1","b":"2"}`, true},
		{"or object body", `{"OR":{"MATCH":{"a":"9"},"FIND":{"b":"2"}}}`, `{"a":"1","b":"2"}`, true},
		{"not", `{"NOT":{"MATCH":{"a":"1"}}}`, `{"a":"2"}`, true},
		{"not all true", `{"NOT":[{"MATCH":{"a":"1"}},{"MATCH":{"b":"2"}}]}`, `{"a":"1","b":"2"}`, false},
		{"not some true", `{"NOT":[{"MATCH":{"a":"1"}},{"MATCH":{"b":"3"}}]}`, `{"a":"1","b":"2"}`, true},
		{"nested", `{"AND":[{"OR":[{"FIND":{"x":"1"}},{"MATCH":{"y":"2"}}]},{"NOT":{"MATCH":{"z":"3"}}}]}`, `{"q":{"x":"1"},"z":"4"}`, true},
		{"empty and is false", `{"AND":[]}`, `{}`, false},
		{"unknown operator", `{"SOMETHING":{"a":"1"}}`, `{"a":"1"}`, false},
		{"match body not object", `{"MATCH":"a"}`, `{"a":"1"}`, false},
		// CVE-2025-24016: tagged payloads are plain data.
		{"cve payload is data", `{"MATCH":{"__unhandled_exc__":{"__class__":"exit"}}}`, `{"__unhandled_exc__":{"__class__":"exit","__args__":[]}}`, true},
		{"cve payload no grant", `{"FIND":{"username":"elastic"}}`, `{"__unhandled_exc__":{"__class__":"exit","__args__":[]}}`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := eval(t, c.rule, c.ctx)
			if err != nil {
				t.Fatalf("Match: %v", err)
			}
			if got != c.want {
				t.Fatalf("Match(%s, %s) = %v, want %v", c.rule, c.ctx, got, c.want)
			}
		})
	}
}

func nestObjects(depth int, leaf string) string {
	return strings.Repeat(`{"a":`, depth) + leaf + strings.Repeat(`}`, depth)
}

func TestFindDepthLimit(t *testing.T) {
	// The key sits in an object at depth 8 (root = 0): found.
	ok, err := eval(t, `{"FIND":{"k":"v"}}`, nestObjects(8, `{"k":"v"}`))
	if err != nil || !ok {
		t.Fatalf("depth 8: %v %v", ok, err)
	}
	// One level deeper grants nothing.
	ok, err = eval(t, `{"FIND":{"k":"v"}}`, nestObjects(9, `{"k":"v"}`))
	if ok || !errors.Is(err, ErrDepthExceeded) {
		t.Fatalf("depth 9: %v %v", ok, err)
	}
	// NOT must not turn a depth error into a grant.
	ok, err = eval(t, `{"NOT":{"FIND":{"k":"v"}}}`, nestObjects(20, `{"x":"y"}`))
	if ok || !errors.Is(err, ErrDepthExceeded) {
		t.Fatalf("NOT over deep context: %v %v", ok, err)
	}
}

func TestRuleNestingLimit(t *testing.T) {
	nest := func(n int) string {
		return strings.Repeat(`{"AND":[`, n) + `{"MATCH":{"a":"1"}}` + strings.Repeat(`]}`, n)
	}
	if ok, err := eval(t, nest(8), `{"a":"1"}`); !ok || err != nil {
		t.Fatalf("8 nested operators: %v %v", ok, err)
	}
	if ok, err := eval(t, nest(9), `{"a":"1"}`); ok || !errors.Is(err, ErrDepthExceeded) {
		t.Fatalf("9 nested operators: %v %v", ok, err)
	}
}

func TestCatastrophicRegexIsLinear(t *testing.T) {
	subject := strings.Repeat("a", 5000) + "!"
	start := time.Now()
	ok, err := eval(t, `{"FIND":{"name":"r'(a+)+$x'"}}`, `{"name":"`+subject+`"}`)
	if err != nil || ok {
		t.Fatalf("got %v %v", ok, err)
	}
	if d := time.Since(start); d > 10*time.Second { // hang detection only: backtracking would never finish
		t.Fatalf("regex took %v", d)
	}
}

func TestBounds(t *testing.T) {
	long := `r'` + strings.Repeat("a", MaxPatternLength+1) + `x'`
	if ok, _ := eval(t, `{"MATCH":{"n":"`+long+`"}}`, `{"n":"`+strings.Repeat("a", MaxPatternLength+1)+`"}`); ok {
		t.Fatal("over-long pattern matched")
	}
	if _, err := ParseContext([]byte(`{"a":"` + strings.Repeat("x", MaxContextBytes) + `"}`)); !errors.Is(err, ErrContextTooLarge) {
		t.Fatalf("large context: %v", err)
	}
	if _, err := ParseRule([]byte(`["MATCH"]`)); !errors.Is(err, ErrInvalidRule) {
		t.Fatalf("non-object rule: %v", err)
	}
}
