package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/wazuh-go/server/host/rbac"
	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// parseList reads the list parameters of GET /security/{users,roles,rules,
// policies} in their spec order.
func parseList(c *secCall) *sdk.Error {
	p, err := query.Parse(c.q, query.Spec{Order: listOrder})
	if err != nil {
		return err
	}
	c.val = p
	return nil
}

// listSpec describes one security listing ([ARR] engine).
type listSpec[T any] struct {
	// msgs are the all, some and none messages.
	msgs [3]string
	// get loads resources by id (nil: every resource).
	get func(ctx context.Context, ids []int) (rbac.Result[T], error)
	// id returns a resource's id.
	id func(T) int
	// row returns a resource as the engine's map and its key order.
	row func(T, *rawRegistry) (map[string]any, []string)
}

// listSecurity is Wazuh's get_users / get_roles / ... with expose_resources
// and process_array: explicit ids are split by the RBAC scope (denied ones
// become 4000 failed items, unknown allowed ones the resource's not-found
// error); without ids every permitted resource is listed and nothing fails.
// Then sort (default id), search, q, select, distinct, offset and limit.
func listSecurity[T any](c *secCall, spec listSpec[T]) (any, error) {
	scope := c.scopes[0]
	var res rbac.Result[T]
	var denied []string
	var err error
	if c.ids == nil {
		res, err = spec.get(c.ctx, nil)
		if err != nil {
			return nil, err
		}
		res.Items = slices.DeleteFunc(res.Items, func(t T) bool { return !scope.Permits(strconv.Itoa(spec.id(t))) })
		res.Failed = nil
	} else {
		var allowed []string
		allowed, denied = scope.Partition(c.ids)
		res, err = spec.get(c.ctx, nonNil(intIDs(allowed)))
		if err != nil {
			return nil, err
		}
	}
	reg := &rawRegistry{raws: map[uintptr]json.RawMessage{}}
	rows := make([]map[string]any, len(res.Items))
	var order []string
	for i, it := range res.Items {
		rows[i], order = spec.row(it, reg)
	}
	p, _ := c.val.(query.Params)
	page, total, qerr := query.ApplyArray(rows, p, query.ArrayOptions{DefaultSort: []string{"id"}, Required: []string{"id"}})
	if qerr != nil {
		return nil, qerr
	}
	out := sdk.NewAffectedItems(spec.msgs[0], spec.msgs[1], spec.msgs[2])
	for _, row := range page {
		out.AddAffected(orderedRow{m: row, keys: rowKeys(row, order, p.Select), reg: reg})
	}
	out.SetTotal(total)
	addFailures(out, res.Failed)
	addDenied(out, scope.ResourceType, denied)
	return out, nil
}

// rowKeys is the key order of a listed item: the resource's own order, or
// with select, the selected fields in request order followed by the
// required id (process_array's select_array).
func rowKeys(row map[string]any, order, sel []string) []string {
	if len(sel) == 0 {
		return order
	}
	var keys []string
	for _, f := range sel {
		top, _, _ := strings.Cut(f, ".")
		if _, ok := row[top]; ok && !slices.Contains(keys, top) {
			keys = append(keys, top)
		}
	}
	if _, ok := row["id"]; ok && !slices.Contains(keys, "id") {
		keys = append(keys, "id")
	}
	return keys
}

// rawRegistry remembers the stored JSON of decoded nested bodies (policy,
// rule), so they are written back with their own key order.
type rawRegistry struct {
	raws map[uintptr]json.RawMessage
}

// decode returns raw decoded for the engine, remembering raw.
func (r *rawRegistry) decode(raw json.RawMessage) any {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil
	}
	if m, ok := v.(map[string]any); ok {
		r.raws[reflect.ValueOf(m).Pointer()] = raw
	}
	return v
}

// orderedRow writes a row with its keys in a given order.
type orderedRow struct {
	m    map[string]any
	keys []string
	reg  *rawRegistry
}

// MarshalJSON implements json.Marshaler.
func (o orderedRow) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	n := 0
	for _, k := range o.keys {
		v, ok := o.m[k]
		if !ok {
			continue
		}
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		kb, _ := marshalPlain(k)
		b.Write(kb)
		b.WriteByte(':')
		if m, isMap := v.(map[string]any); isMap && o.reg != nil {
			if raw, known := o.reg.raws[reflect.ValueOf(m).Pointer()]; known {
				b.Write(raw)
				continue
			}
		}
		vb, err := marshalPlain(v)
		if err != nil {
			return nil, fmt.Errorf("api: encode %s: %w", k, err)
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// addFailures copies an operation's failures into the envelope.
func addFailures(out *sdk.AffectedItemsResult, failed []rbac.Failure) {
	for _, f := range failed {
		out.AddFailed(f.ID, f.Err)
	}
}

// addDenied reports ids RBAC refused (4000, ids as ints: security
// resource ids are integers in failed_items).
func addDenied(out *sdk.AffectedItemsResult, resourceType string, denied []string) {
	for _, id := range intIDs(denied) {
		out.AddDenied(resourceType, id)
	}
}

// nonNil keeps an empty id list from meaning "every resource".
func nonNil(ids []int) []int {
	if ids == nil {
		return []int{}
	}
	return ids
}

// marshalPlain is json.Marshal without HTML escaping (Python writes "<"
// as it is).
func marshalPlain(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
