package rbac

import (
	"context"

	"github.com/wazuh-go/server/sdk/pyjson"
)

// ruleKind describes the (security) rules table.
var ruleKind = &bodyKind[ruleRow, Rule, roleRuleRow]{
	rowKind: rowKind[ruleRow, Rule]{
		notFound: CodeRuleNotFound,
		fromRow:  ruleFromRow,
		itemID:   func(r Rule) int { return r.ID },
	},
	noun:         "rule",
	table:        "rules",
	column:       "rule",
	linkColumn:   "rule_id",
	invalid:      CodeInvalidRule,
	createExists: CodeNameOrRuleExists,
	updateExists: CodeNameOrRuleExists,
	parse:        ParseRuleBody,
	newRow: func(id int, name, body string, created dbTime) ruleRow {
		return ruleRow{ID: id, Name: name, Rule: body, CreatedAt: created}
	},
	roles: func(r Rule) []int { return r.Roles },
}

// ParseRuleBody validates a security rule body for storage: it must be a
// JSON object (else error 4003). It returns Python's json.dumps of it, key
// order kept, which is what Wazuh stores and compares for uniqueness.
func ParseRuleBody(data []byte) (string, error) {
	v, err := pyjson.Decode(data)
	if err != nil {
		return "", wazuhError(CodeInvalidRule)
	}
	if _, ok := v.(*pyjson.Object); !ok {
		return "", wazuhError(CodeInvalidRule)
	}
	return string(pyjson.Encode(v)), nil
}

// GetRules returns the security rules with the given ids in order, or every
// rule by id when ids is nil. Unknown ids fail with 4022.
func (s *Store) GetRules(ctx context.Context, ids []int) (Result[Rule], error) {
	return ruleKind.get(s.db.WithContext(ctx), ids)
}

// CreateRule adds a security rule as POST /security/rules does. body is the
// JSON of the "rule" object. A body that is not an object is a failed item
// 4003; a taken name or identical body is 4005, both keyed by the name.
// Nothing is invalidated.
func (s *Store) CreateRule(ctx context.Context, name string, body []byte) (Result[Rule], error) {
	return ruleKind.create(ctx, s, name, body)
}

// UpdateRule changes a rule's name and/or body as PUT /security/rules/{id}
// does (nil means "not given"; both nil is error 4001). Per id: unknown
// 4022, reserved 4008, invalid body 4003, taken name or identical body
// 4005. Success invalidates every role linked to the rule.
func (s *Store) UpdateRule(ctx context.Context, id int, name *string, body []byte) (Result[Rule], error) {
	return ruleKind.update(ctx, s, id, name, body)
}

// DeleteRules deletes security rules as DELETE /security/rules does; ids nil
// means all. Per id: reserved 4008 (checked first), unknown 4022. The roles
// linked to each deleted rule are invalidated. Affected rules are sorted by
// id.
func (s *Store) DeleteRules(ctx context.Context, ids []int) (Result[Rule], error) {
	return ruleKind.delete(ctx, s, ids)
}
