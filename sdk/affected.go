package sdk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
)

// AffectedItemsResult is Wazuh's AffectedItemsWazuhResult (api-surface.md
// §2.2): affected items, failed items grouped by identical error, totals, the
// all/some/none message and the error flag 0/1/2.
type AffectedItemsResult struct {
	// AllMsg is used when everything succeeded.
	AllMsg string
	// SomeMsg is used when some items failed.
	SomeMsg string
	// NoneMsg is used when nothing was affected (even with no failures).
	NoneMsg string
	// AffectedItems in output order.
	AffectedItems []any
	// Extra holds keys appended to "data" after failed_items, in order.
	Extra []KeyValue

	total    int
	totalSet bool
	groups   []*failedGroup
}

// KeyValue is one extra key of a result's data object.
type KeyValue struct {
	// Key name.
	Key string
	// Value encoded as JSON.
	Value any
}

type failedGroup struct {
	err *Error
	ids []any
}

// NewAffectedItems starts a result with Wazuh's three messages.
func NewAffectedItems(allMsg, someMsg, noneMsg string) *AffectedItemsResult {
	return &AffectedItemsResult{AllMsg: allMsg, SomeMsg: someMsg, NoneMsg: noneMsg}
}

// AddAffected appends affected items.
func (r *AffectedItemsResult) AddAffected(items ...any) {
	r.AffectedItems = append(r.AffectedItems, items...)
}

// SetTotal sets total_affected_items explicitly. Queries set it to the number
// of matches before offset and limit; otherwise it is len(AffectedItems).
func (r *AffectedItemsResult) SetTotal(n int) {
	r.total, r.totalSet = n, true
}

// TotalAffected returns total_affected_items.
func (r *AffectedItemsResult) TotalAffected() int {
	if r.totalSet {
		return r.total
	}
	return len(r.AffectedItems)
}

// AddFailed records that id failed with err. Ids keep their JSON type:
// agent ids are strings ("001"), user and role ids ints. As in Wazuh, whose
// groups are sets, an id already recorded with the same error is not
// listed (or counted) twice.
func (r *AffectedItemsResult) AddFailed(id any, err *Error) {
	for _, g := range r.groups {
		if sameError(g.err, err) {
			if !containsID(g.ids, id) {
				g.ids = append(g.ids, id)
			}
			return
		}
	}
	r.groups = append(r.groups, &failedGroup{err: err, ids: []any{id}})
}

// containsID reports whether ids holds id (ids are strings or integers;
// other values are never equal).
func containsID(ids []any, id any) bool {
	switch id.(type) {
	case string, int, int64, int32, uint64:
	default:
		return false
	}
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// AddDenied records ids denied by RBAC as Wazuh's list_handler does: code
// 4000 "Permission denied: Resource type: <resourceType>".
func (r *AffectedItemsResult) AddDenied(resourceType string, ids ...any) {
	for _, id := range ids {
		r.AddFailed(id, NewError(4000, "Resource type: "+resourceType).WithStatus(403))
	}
}

// TotalFailed returns total_failed_items: the number of failed ids.
func (r *AffectedItemsResult) TotalFailed() int {
	n := 0
	for _, g := range r.groups {
		n += len(g.ids)
	}
	return n
}

// ErrorFlag returns the envelope's "error": 0 complete (or nothing at all),
// 1 all failed, 2 partial.
func (r *AffectedItemsResult) ErrorFlag() int {
	a, f := r.TotalAffected(), r.TotalFailed()
	switch {
	case f == 0:
		return 0
	case a == 0:
		return 1
	default:
		return 2
	}
}

// Message returns none_msg when nothing was affected, all_msg when nothing
// failed and some_msg otherwise.
func (r *AffectedItemsResult) Message() string {
	switch {
	case r.TotalAffected() == 0:
		return r.NoneMsg
	case r.TotalFailed() == 0:
		return r.AllMsg
	default:
		return r.SomeMsg
	}
}

func sameError(a, b *Error) bool {
	return a.Code == b.Code && a.Message == b.Message && a.Remediation == b.Remediation
}

// MarshalJSON renders the envelope with Wazuh's key order.
func (r *AffectedItemsResult) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"data":{"affected_items":`)
	items := r.AffectedItems
	if items == nil {
		items = []any{}
	}
	if err := writeJSON(&b, items); err != nil {
		return nil, err
	}
	fmt.Fprintf(&b, `,"total_affected_items":%d,"total_failed_items":%d,"failed_items":`, r.TotalAffected(), r.TotalFailed())
	if err := writeJSON(&b, r.failedItems()); err != nil {
		return nil, err
	}
	for _, kv := range r.Extra {
		b.WriteByte(',')
		if err := writeJSON(&b, kv.Key); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := writeJSON(&b, kv.Value); err != nil {
			return nil, err
		}
	}
	b.WriteString(`},"message":`)
	if err := writeJSON(&b, r.Message()); err != nil {
		return nil, err
	}
	fmt.Fprintf(&b, `,"error":%d}`, r.ErrorFlag())
	return b.Bytes(), nil
}

type failedItemJSON struct {
	Error failedErrorJSON `json:"error"`
	ID    []any           `json:"id"`
}

type failedErrorJSON struct {
	Code        int    `json:"code"`
	Message     string `json:"message"`
	Remediation string `json:"remediation,omitempty"`
}

// failedItems groups are ordered by code; ids numerically when all parse as
// integers, else lexically (Wazuh's results.py).
func (r *AffectedItemsResult) failedItems() []failedItemJSON {
	groups := append([]*failedGroup(nil), r.groups...)
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].err.Code < groups[j].err.Code })
	out := make([]failedItemJSON, 0, len(groups))
	for _, g := range groups {
		ids := append([]any(nil), g.ids...)
		sortIDs(ids)
		out = append(out, failedItemJSON{
			Error: failedErrorJSON{Code: g.err.Code, Message: g.err.Message, Remediation: g.err.Remediation},
			ID:    ids,
		})
	}
	return out
}

func writeJSON(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("sdk: encode result: %w", err)
	}
	b.Truncate(b.Len() - 1) // drop Encode's newline
	return nil
}
