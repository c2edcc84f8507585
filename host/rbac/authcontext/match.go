package authcontext

import "github.com/wazuh-go/server/sdk/pyjson"

// match implements MATCH (exact=false) and MATCH$ (exact=true) of a rule
// value against a context value at the same level.
//
//   - object vs object: every rule key must exist in the context (a regex key
//     may be satisfied by any matching context key) and its value must match.
//   - list vs list: MATCH needs every rule element in the context list
//     (subset); MATCH$ needs both lists to hold the same elements and have the
//     same length.
//   - scalar vs list: MATCH needs the scalar in the list; MATCH$ needs the list
//     to be exactly that one element.
//   - scalar vs scalar: equality, or re.match for a regex rule string.
func match(rule, ctx pyjson.Value, exact bool, depth int) (bool, error) {
	if depth > MaxMatchDepth {
		return false, ErrDepthExceeded
	}
	switch r := rule.(type) {
	case *pyjson.Object:
		c, ok := ctx.(*pyjson.Object)
		if !ok {
			return false, nil
		}
		for _, k := range r.Keys() {
			rv, _ := r.Get(k)
			ok, err := matchKey(k, rv, c, exact, depth)
			if err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case []pyjson.Value:
		c, ok := ctx.([]pyjson.Value)
		if !ok || (exact && len(r) != len(c)) {
			return false, nil
		}
		if ok, err := allFound(r, c, exact, depth); !ok || err != nil {
			return false, err
		}
		if !exact {
			return true, nil
		}
		return allFoundReverse(r, c, depth)
	default:
		return matchScalar(rule, ctx, exact), nil
	}
}

// matchKey matches one rule key of an object.
func matchKey(k string, rv pyjson.Value, c *pyjson.Object, exact bool, depth int) (bool, error) {
	if re, state := compileRule(k); state == validRegex {
		for _, ck := range c.Keys() {
			if !regexMatch(re, ck) {
				continue
			}
			cv, _ := c.Get(ck)
			ok, err := match(rv, cv, exact, depth+1)
			if ok || err != nil {
				return ok, err
			}
		}
	} else if state == neverMatch {
		return false, nil
	}
	cv, ok := c.Get(k)
	if !ok {
		return false, nil
	}
	return match(rv, cv, exact, depth+1)
}

// allFound reports whether every rule element matches some context element.
func allFound(rule, ctx []pyjson.Value, exact bool, depth int) (bool, error) {
	for _, re := range rule {
		found := false
		for _, ce := range ctx {
			ok, err := match(re, ce, exact, depth+1)
			if err != nil {
				return false, err
			}
			if ok {
				found = true
				break
			}
		}
		if !found {
			return false, nil
		}
	}
	return true, nil
}

// allFoundReverse reports whether every context element is matched by some
// rule element (the other half of MATCH$'s set equality).
func allFoundReverse(rule, ctx []pyjson.Value, depth int) (bool, error) {
	for _, ce := range ctx {
		found := false
		for _, re := range rule {
			ok, err := match(re, ce, true, depth+1)
			if err != nil {
				return false, err
			}
			if ok {
				found = true
				break
			}
		}
		if !found {
			return false, nil
		}
	}
	return true, nil
}

// matchScalar compares a scalar rule value with a context value.
func matchScalar(rule, ctx pyjson.Value, exact bool) bool {
	one := func(c pyjson.Value) bool {
		if s, ok := rule.(string); ok {
			re, state := compileRule(s)
			switch state {
			case validRegex:
				return regexMatch(re, c)
			case neverMatch:
				return false
			}
		}
		return scalarEqual(rule, c)
	}
	if list, ok := ctx.([]pyjson.Value); ok {
		if exact {
			return len(list) == 1 && one(list[0])
		}
		for _, c := range list {
			if one(c) {
				return true
			}
		}
		return false
	}
	return one(ctx)
}

// find implements FIND/FIND$: a match at the current level, then at every
// nested object or array, depth-first in document order, up to MaxFindDepth.
func find(rule, ctx pyjson.Value, exact bool, depth int) (bool, error) {
	if depth > MaxFindDepth {
		return false, ErrDepthExceeded
	}
	if ok, err := match(rule, ctx, exact, 0); ok || err != nil {
		return ok, err
	}
	var children []pyjson.Value
	switch c := ctx.(type) {
	case *pyjson.Object:
		for _, k := range c.Keys() {
			v, _ := c.Get(k)
			children = append(children, v)
		}
	case []pyjson.Value:
		children = c
	}
	for _, child := range children {
		switch child.(type) {
		case *pyjson.Object, []pyjson.Value:
			if ok, err := find(rule, child, exact, depth+1); ok || err != nil {
				return ok, err
			}
		}
	}
	return false, nil
}
