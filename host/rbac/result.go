package rbac

import (
	"slices"

	"github.com/wazuh-go/server/sdk"
)

// Failure is one id that an operation could not process, with its Wazuh
// error: a failed_items entry of an AffectedItemsWazuhResult. ID is an int
// for user, role, policy and rule ids, and the requested name (a string)
// when a create fails.
type Failure struct {
	ID  any
	Err *sdk.Error
}

// Result is the typed outcome of a security operation, from which the HTTP
// layer builds the AffectedItemsWazuhResult envelope.
type Result[T any] struct {
	// Items are the affected_items (for relationship operations, the owning
	// object once, as Wazuh returns it).
	Items []T
	// Total is total_affected_items. It can differ from len(Items): linking
	// three roles to a user returns one user and Total 3.
	Total int
	// Failed are the failed items, in the order they happened. A given
	// (id, code) pair appears once, as in Wazuh's set-based grouping.
	Failed []Failure
}

// fail records id as failed with code, once per (id, code).
func (r *Result[T]) fail(id any, code int) {
	for _, f := range r.Failed {
		if f.ID == id && f.Err.Code == code {
			return
		}
	}
	r.Failed = append(r.Failed, Failure{ID: id, Err: wazuhError(code)})
}

// add records an affected item.
func (r *Result[T]) add(item T) {
	r.Items = append(r.Items, item)
	r.Total++
}

// Without returns a copy of r without the failures whose code is in codes.
// Wazuh drops such "expected" failures when the caller asked for all
// resources (user_ids=all and the like): reserved ids, the caller itself and
// ids that vanished.
func (r Result[T]) Without(codes ...int) Result[T] {
	out := Result[T]{Items: r.Items, Total: r.Total}
	for _, f := range r.Failed {
		if !slices.Contains(codes, f.Err.Code) {
			out.Failed = append(out.Failed, f)
		}
	}
	return out
}

// FailedCodes returns the distinct error codes of the failures, in order.
func (r Result[T]) FailedCodes() []int {
	var codes []int
	for _, f := range r.Failed {
		if !slices.Contains(codes, f.Err.Code) {
			codes = append(codes, f.Err.Code)
		}
	}
	return codes
}

// sortByID orders affected items by id, as Wazuh sorts deleted resources.
func sortByID[T any](items []T, id func(T) int) {
	slices.SortStableFunc(items, func(a, b T) int { return id(a) - id(b) })
}
