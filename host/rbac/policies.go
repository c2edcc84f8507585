package rbac

import "context"

// policyKind describes the policies table.
var policyKind = &bodyKind[policyRow, Policy, rolePolicyRow]{
	rowKind: rowKind[policyRow, Policy]{
		notFound: CodePolicyNotFound,
		fromRow:  policyFromRow,
		itemID:   func(p Policy) int { return p.ID },
	},
	noun:         "policy",
	table:        "policies",
	column:       "policy",
	linkColumn:   "policy_id",
	invalid:      CodeInvalidPolicy,
	createExists: CodeNameOrPolicyExists,
	updateExists: CodeNameExists,
	parse:        ParsePolicyBody,
	newRow: func(id int, name, body string, created dbTime) policyRow {
		return policyRow{ID: id, Name: name, Policy: body, CreatedAt: created}
	},
	roles: func(p Policy) []int { return p.Roles },
}

// GetPolicies returns the policies with the given ids in order, or every
// policy by id when ids is nil. Unknown ids fail with 4007.
func (s *Store) GetPolicies(ctx context.Context, ids []int) (Result[Policy], error) {
	return policyKind.get(s.db.WithContext(ctx), ids)
}

// CreatePolicy adds a policy as POST /security/policies does. body is the
// JSON of the "policy" object. An invalid body is a failed item 4006 and a
// taken name or identical body 4009, both keyed by the name. Nothing is
// invalidated.
func (s *Store) CreatePolicy(ctx context.Context, name string, body []byte) (Result[Policy], error) {
	return policyKind.create(ctx, s, name, body)
}

// UpdatePolicy changes a policy's name and/or body as PUT
// /security/policies/{id} does (nil means "not given"; both nil is error
// 4001). Per id: unknown 4007, reserved 4008, invalid body 4006, taken name
// or identical body 4013. Success invalidates every role linked to it.
func (s *Store) UpdatePolicy(ctx context.Context, id int, name *string, body []byte) (Result[Policy], error) {
	return policyKind.update(ctx, s, id, name, body)
}

// DeletePolicies deletes policies as DELETE /security/policies does; ids nil
// means all. Per id: reserved 4008 (checked first), unknown 4007. The roles
// linked to each deleted policy are invalidated. Affected policies are
// sorted by id.
func (s *Store) DeletePolicies(ctx context.Context, ids []int) (Result[Policy], error) {
	return policyKind.delete(ctx, s, ids)
}
