package authcontext

import (
	"fmt"

	"github.com/wazuh-go/server/sdk/pyjson"
)

// Logical operators and search functions of the rule language.
const (
	OpAND        = "AND"
	OpOR         = "OR"
	OpNOT        = "NOT"
	FnMATCH      = "MATCH"
	FnMATCHExact = "MATCH$"
	FnFIND       = "FIND"
	FnFINDExact  = "FIND$"
)

// Rule is one parsed authorization-context rule.
type Rule struct {
	root *pyjson.Object
}

// ParseRule parses a rule's JSON text (as stored in the rules table). The
// rule must be a JSON object; its keys are not checked, as in Wazuh, and an
// unknown key simply never matches.
func ParseRule(data []byte) (*Rule, error) {
	v, err := pyjson.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("authcontext: parse rule: %w", err)
	}
	return NewRule(v)
}

// NewRule wraps an already decoded rule value.
func NewRule(v pyjson.Value) (*Rule, error) {
	obj, ok := v.(*pyjson.Object)
	if !ok {
		return nil, ErrInvalidRule
	}
	return &Rule{root: obj}, nil
}

// ParseContext decodes an authorization context of at most MaxContextBytes.
// The result is plain data whatever keys it holds.
func ParseContext(data []byte) (pyjson.Value, error) {
	if len(data) > MaxContextBytes {
		return nil, ErrContextTooLarge
	}
	v, err := pyjson.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("authcontext: parse context: %w", err)
	}
	return v, nil
}

// Match evaluates the rule against an authorization context. It returns
// ErrDepthExceeded (and false) when the evaluation goes past the depth
// limits; the caller must then not grant the rule's role.
func (r *Rule) Match(ctx pyjson.Value) (bool, error) {
	return clause(r.root, ctx, 0)
}

// clause evaluates a rule object: every key is an operator or function and
// all of them must hold. Anything that is not a non-empty object is false.
func clause(v, ctx pyjson.Value, nesting int) (bool, error) {
	obj, ok := v.(*pyjson.Object)
	if !ok || obj.Len() == 0 {
		return false, nil
	}
	for _, k := range obj.Keys() {
		body, _ := obj.Get(k)
		ok, err := operator(k, body, ctx, nesting)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

// operator evaluates one key of a rule object.
func operator(op string, body, ctx pyjson.Value, nesting int) (bool, error) {
	switch op {
	case OpAND, OpOR, OpNOT:
		if nesting+1 > MaxRuleNesting {
			return false, ErrDepthExceeded
		}
		return logical(op, body, ctx, nesting+1)
	case FnMATCH, FnMATCHExact:
		if _, ok := body.(*pyjson.Object); !ok {
			return false, nil
		}
		return match(body, ctx, op == FnMATCHExact, 0)
	case FnFIND, FnFINDExact:
		if _, ok := body.(*pyjson.Object); !ok {
			return false, nil
		}
		return find(body, ctx, op == FnFINDExact, 0)
	default:
		return false, nil
	}
}

// logical evaluates AND/OR/NOT over the clauses of body: a list of rule
// objects, or an object whose every key is one clause. An empty clause list
// is false for every operator (a rule never grants by vacuous truth).
func logical(op string, body, ctx pyjson.Value, nesting int) (bool, error) {
	clauses := splitClauses(body)
	if len(clauses) == 0 {
		return false, nil
	}
	switch op {
	case OpOR:
		for _, c := range clauses {
			if ok, err := clause(c, ctx, nesting); ok || err != nil {
				return ok, err
			}
		}
		return false, nil
	default: // AND, NOT
		all := true
		for _, c := range clauses {
			ok, err := clause(c, ctx, nesting)
			if err != nil {
				return false, err
			}
			if !ok {
				all = false
				break
			}
		}
		if op == OpNOT {
			return !all, nil
		}
		return all, nil
	}
}

// splitClauses returns the clauses of a logical operator's body.
func splitClauses(body pyjson.Value) []pyjson.Value {
	switch b := body.(type) {
	case []pyjson.Value:
		return b
	case *pyjson.Object:
		out := make([]pyjson.Value, 0, b.Len())
		for _, k := range b.Keys() {
			v, _ := b.Get(k)
			one := pyjson.NewObject()
			one.Set(k, v)
			out = append(out, one)
		}
		return out
	default:
		return nil
	}
}
