package api

import (
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pyjson"
	"github.com/wazuh-go/server/sdk/query"
)

// jsonSchema is the subset of JSON Schema (Draft 4, as connexion validates
// request bodies) the /security bodies use. check reports the first error in
// jsonschema's iteration order (keywords in the spec's order), rendered as
// connexion does: "<message> - '<path>'".
type jsonSchema struct {
	typ           string
	minLength     int
	maxLength     int
	format        string // "names" is the only format checked
	minimum       *int64
	enum          []string
	minProperties int
	// requiredFirst is true when the spec lists "required" before
	// "properties".
	requiredFirst bool
	required      []string
	props         []namedSchema
	items         *jsonSchema
}

type namedSchema struct {
	name   string
	schema *jsonSchema
}

// check validates v, returning connexion's 400 for the first failure.
func (s *jsonSchema) check(v any, path []string) *sdk.Error {
	fail := func(msg string) *sdk.Error {
		if len(path) > 0 {
			msg += " - '" + strings.Join(path, ".") + "'"
		}
		return sdk.BadRequest(msg)
	}
	if s.typ != "" && pyType(v) != s.typ {
		return fail(pyjson.Repr(v) + " is not of type '" + s.typ + "'")
	}
	switch x := v.(type) {
	case string:
		n := utf8.RuneCountInString(x)
		if s.minLength > 0 && n < s.minLength {
			return fail(pyjson.StrRepr(x) + " is too short")
		}
		if s.maxLength > 0 && n > s.maxLength {
			return fail(pyjson.StrRepr(x) + " is too long")
		}
		if s.format == "names" && !query.ValidNames(x) {
			return fail(pyjson.StrRepr(x) + " is not a 'names'")
		}
		if s.enum != nil && !slices.Contains(s.enum, x) {
			return fail(pyjson.StrRepr(x) + " is not one of " + pyList(s.enum))
		}
	case pyjson.Number:
		if s.minimum != nil {
			n, ok := new(big.Int).SetString(string(x), 10)
			if ok && n.Cmp(big.NewInt(*s.minimum)) < 0 {
				return fail(string(x) + " is less than the minimum of " + strconv.FormatInt(*s.minimum, 10))
			}
		}
	case []any:
		if s.items != nil {
			for i, e := range x {
				if err := s.items.check(e, append(slices.Clip(path), strconv.Itoa(i))); err != nil {
					return err
				}
			}
		}
	case *pyjson.Object:
		if x.Len() < s.minProperties {
			return fail(pyjson.Repr(x) + " does not have enough properties")
		}
		if s.requiredFirst {
			if err := s.checkRequired(x, fail); err != nil {
				return err
			}
		}
		for _, p := range s.props {
			if pv, ok := x.Get(p.name); ok {
				if err := p.schema.check(pv, append(slices.Clip(path), p.name)); err != nil {
					return err
				}
			}
		}
		if !s.requiredFirst {
			return s.checkRequired(x, fail)
		}
	}
	return nil
}

func (s *jsonSchema) checkRequired(x *pyjson.Object, fail func(string) *sdk.Error) *sdk.Error {
	for _, r := range s.required {
		if _, ok := x.Get(r); !ok {
			return fail(pyjson.StrRepr(r) + " is a required property")
		}
	}
	return nil
}

// invalidFields is the Wazuh model check that follows schema validation:
// top-level keys the operation does not know give 400 "Invalid field found
// {'a', 'b'}" (a Python set; sorted here, Python's order is arbitrary).
func (s *jsonSchema) invalidFields(body *pyjson.Object) *sdk.Error {
	var bad []string
	for _, k := range body.Keys() {
		if !slices.ContainsFunc(s.props, func(p namedSchema) bool { return p.name == k }) {
			bad = append(bad, pyjson.StrRepr(k))
		}
	}
	if len(bad) == 0 {
		return nil
	}
	slices.Sort(bad)
	return sdk.BadRequest("Invalid field found {" + strings.Join(bad, ", ") + "}")
}

func int64p(v int64) *int64 { return &v }

// Request body schemas of the /security operations (spec.yaml).
var (
	schemaName = &jsonSchema{typ: "string", maxLength: 64, format: "names"}

	schemaCreateUser = &jsonSchema{typ: "object", required: []string{"username", "password"}, props: []namedSchema{
		{"username", &jsonSchema{typ: "string", minLength: 4, maxLength: 64, format: "names"}},
		{"password", &jsonSchema{typ: "string"}},
	}}
	schemaUpdateUser = &jsonSchema{typ: "object", props: []namedSchema{{"password", &jsonSchema{typ: "string"}}}}

	schemaPolicyBody = &jsonSchema{typ: "object", required: []string{"actions", "resources", "effect"}, props: []namedSchema{
		{"actions", &jsonSchema{typ: "array", items: &jsonSchema{typ: "string"}}},
		{"resources", &jsonSchema{typ: "array", items: &jsonSchema{typ: "string"}}},
		{"effect", &jsonSchema{typ: "string"}},
	}}

	schemaSecurityConfig = &jsonSchema{typ: "object", minProperties: 1, props: []namedSchema{
		{"auth_token_exp_timeout", &jsonSchema{typ: "integer", minimum: int64p(30)}},
		{"rbac_mode", &jsonSchema{typ: "string", enum: []string{"white", "black"}}},
	}}
)

// schemaRole is RolesRequest (create) or RolesRequest_no_required.
func schemaRole(create bool) *jsonSchema {
	s := &jsonSchema{typ: "object", requiredFirst: true, props: []namedSchema{{"name", schemaName}}}
	if create {
		s.required = []string{"name"}
	}
	return s
}

// schemaRule is SecurityRulesRequest (create) or its _no_required form.
func schemaRule(create bool) *jsonSchema {
	s := &jsonSchema{typ: "object", requiredFirst: true, props: []namedSchema{
		{"name", schemaName}, {"rule", &jsonSchema{typ: "object"}},
	}}
	if create {
		s.required = []string{"name", "rule"}
	}
	return s
}

// schemaPolicy is PoliciesRequest (create) or its _no_required form.
func schemaPolicy(create bool) *jsonSchema {
	s := &jsonSchema{typ: "object", requiredFirst: true, props: []namedSchema{
		{"name", schemaName}, {"policy", schemaPolicyBody},
	}}
	if create {
		s.required = []string{"name", "policy"}
	}
	return s
}
