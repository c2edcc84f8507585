package api

import (
	"math"
	"net/url"
	"strconv"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pyjson"
	"github.com/wazuh-go/server/sdk/query"
)

// idSpec describes a security id parameter: a *_ids query array or an
// {x_id} path parameter, validated as connexion does with Wazuh's
// "numbers" / "numbers_or_all" formats.
type idSpec struct {
	// param is the parameter name.
	param string
	// resource is the RBAC resource type, e.g. "user:id".
	resource string
	// format is "numbers" or "numbers_or_all".
	format string
	// schema is the Python repr of the (item) schema, for messages.
	schema string
	// required makes a missing query parameter a 400.
	required bool
	// all makes the keyword "all" select every resource (DELETE routes).
	all bool
}

const (
	schemaUserID       = "{'type': 'string', 'format': 'numbers', 'description': 'User ID'}"
	schemaUserIDAll    = "{'type': 'string', 'format': 'numbers_or_all', 'description': 'User ID|all'}"
	schemaRoleID       = "{'type': 'string', 'format': 'numbers', 'description': 'Role ID'}"
	schemaRoleIDAll    = "{'type': 'string', 'description': 'Role ID|all', 'format': 'numbers_or_all'}"
	schemaPolicyID     = "{'type': 'string', 'format': 'numbers', 'description': 'Policy ID'}"
	schemaPolicyIDAll  = "{'type': 'string', 'description': 'Policy ID|all', 'format': 'numbers_or_all'}"
	schemaSecRuleID    = "{'type': 'string', 'format': 'numbers', 'description': 'Security rule ID'}"
	schemaSecRuleIDAll = "{'type': 'string', 'format': 'numbers_or_all', 'description': 'Security rule ID|all'}"
)

// The id parameters of the /security operations (spec.yaml components).
var (
	idsUser       = idSpec{param: "user_ids", resource: "user:id", format: "numbers", schema: schemaUserID}
	idsUserDelete = idSpec{param: "user_ids", resource: "user:id", format: "numbers_or_all", schema: schemaUserIDAll, required: true, all: true}
	pathUser      = idSpec{param: "user_id", resource: "user:id", format: "numbers", schema: schemaUserID}

	idsRole       = idSpec{param: "role_ids", resource: "role:id", format: "numbers", schema: schemaRoleID}
	idsRoleDelete = idSpec{param: "role_ids", resource: "role:id", format: "numbers_or_all", schema: schemaRoleIDAll, required: true, all: true}
	idsRoleLink   = idSpec{param: "role_ids", resource: "role:id", format: "numbers_or_all", schema: schemaRoleIDAll, required: true}
	pathRole      = idSpec{param: "role_id", resource: "role:id", format: "numbers", schema: schemaRoleID}

	idsPolicy       = idSpec{param: "policy_ids", resource: "policy:id", format: "numbers", schema: schemaPolicyID}
	idsPolicyDelete = idSpec{param: "policy_ids", resource: "policy:id", format: "numbers_or_all", schema: schemaPolicyIDAll, required: true, all: true}
	idsPolicyLink   = idSpec{param: "policy_ids", resource: "policy:id", format: "numbers", schema: schemaPolicyID, required: true}
	pathPolicy      = idSpec{param: "policy_id", resource: "policy:id", format: "numbers", schema: schemaPolicyID}

	idsRule       = idSpec{param: "rule_ids", resource: "rule:id", format: "numbers", schema: schemaSecRuleID}
	idsRuleDelete = idSpec{param: "rule_ids", resource: "rule:id", format: "numbers_or_all", schema: schemaSecRuleIDAll, required: true, all: true}
	idsRuleLink   = idSpec{param: "rule_ids", resource: "rule:id", format: "numbers", schema: schemaSecRuleID, required: true}
	pathRule      = idSpec{param: "rule_id", resource: "rule:id", format: "numbers", schema: schemaSecRuleID}
)

// validID reports whether v matches the spec's format: ^\d+$ or
// ^(\d+|all)$ (ASCII digits).
func (s *idSpec) validID(v string) bool {
	if s.format == "numbers_or_all" && v == "all" {
		return true
	}
	if v == "" {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

// formatError is jsonschema's "format" failure as connexion reports it.
func (s *idSpec) formatError(v string, item int) *sdk.Error {
	schemaPath, instance := "schema", "instance"
	if item >= 0 {
		schemaPath, instance = "schema['items']", "instance["+strconv.Itoa(item)+"]"
	}
	return sdk.BadRequest(pyjson.StrRepr(v) + " is not a '" + s.format + "'. Failed validating 'format' in " +
		schemaPath + ": " + s.schema + ". On " + instance + ": " + pyjson.StrRepr(v))
}

// parseQuery reads the *_ids array: missing and required is connexion's
// "Missing query parameter", a bad item its format error. all reports the
// keyword "all" on routes where it selects everything.
func (s *idSpec) parseQuery(q url.Values) (ids []string, all bool, err *sdk.Error) {
	vals, ok := query.ArrayValues(q, s.param)
	if !ok {
		if s.required {
			return nil, false, sdk.BadRequest("Missing query parameter '" + s.param + "'")
		}
		return nil, false, nil
	}
	for i, v := range vals {
		if !s.validID(v) {
			return nil, false, s.formatError(v, i)
		}
		if v == "all" && s.all {
			all = true
		}
	}
	return vals, all, nil
}

// parsePath reads the {x_id} path parameter.
func (s *idSpec) parsePath(v string) (int, *sdk.Error) {
	if !s.validID(v) || v == "all" {
		return 0, s.formatError(v, -1)
	}
	return atoiID(v), nil
}

// atoiID converts a validated id; values beyond int64 become the largest
// id, which no resource has.
func atoiID(v string) int {
	n, err := strconv.Atoi(v)
	if err != nil {
		return math.MaxInt
	}
	return n
}

// intIDs converts validated ids ("all" aside) to ints, keeping order.
func intIDs(ids []string) []int {
	out := make([]int, 0, len(ids))
	for _, v := range ids {
		if v != "all" {
			out = append(out, atoiID(v))
		}
	}
	return out
}
