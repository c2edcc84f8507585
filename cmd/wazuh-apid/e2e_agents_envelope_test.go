package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// Compact renderings of Wazuh's envelopes (api-surface.md §2, §3) for the
// e2e_agents_* tables.

type agCase struct {
	method, path, token, body string
	// want is a prefix of the agSummary or agProblem rendering, or, when
	// it starts with "{", the exact body of a 200 answer.
	want string
}

// agRun runs cases rendering envelopes with agSummary and anything else
// with agProblem.
func (e *agEnv) agRun(t *testing.T, cases []agCase) {
	t.Helper()
	for _, c := range cases {
		status, body := e.call(t, c.method, c.path, c.token, c.body)
		if strings.HasPrefix(c.want, "{") {
			if status != 200 || body != c.want {
				t.Errorf("%s %s\n got %d %s\nwant 200 %s", c.method, c.path, status, body, c.want)
			}
			continue
		}
		got := agSummary(t, status, body)
		if strings.Contains(got, "not an envelope") {
			got = agProblem(status, body)
		}
		if !strings.HasPrefix(got, c.want) {
			t.Errorf("%s %s\n got %s\nwant %s\nbody %s", c.method, c.path, got, c.want, body)
		}
	}
}

// agResult is an AffectedItemsWazuhResult (api-surface.md §2.2).
type agResult struct {
	Data struct {
		Items       []json.RawMessage `json:"affected_items"`
		Total       int               `json:"total_affected_items"`
		TotalFailed int               `json:"total_failed_items"`
		Failed      []struct {
			Error struct {
				Code    int    `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
			ID []any `json:"id"`
		} `json:"failed_items"`
	} `json:"data"`
	Message string `json:"message"`
	Error   int    `json:"error"`
}

// agSummary renders an envelope as
// "<status> error=E total=N items=[...] failed=[code:ids ...] <message>",
// items being the ids (or names) of the affected items.
func agSummary(t *testing.T, status int, body string) string {
	t.Helper()
	var r agResult
	if err := json.Unmarshal([]byte(body), &r); err != nil || r.Data.Items == nil {
		return fmt.Sprintf("%d not an envelope: %s", status, body)
	}
	items := make([]string, 0, len(r.Data.Items))
	for _, raw := range r.Data.Items {
		var obj map[string]any
		var s string
		switch {
		case json.Unmarshal(raw, &s) == nil:
			items = append(items, s)
		case json.Unmarshal(raw, &obj) == nil && obj["id"] != nil:
			items = append(items, fmt.Sprint(obj["id"]))
		case obj["agent"] != nil: // upgrade results
			items = append(items, fmt.Sprint(obj["agent"]))
		default:
			items = append(items, string(raw))
		}
	}
	failed := make([]string, 0, len(r.Data.Failed))
	for _, f := range r.Data.Failed {
		failed = append(failed, fmt.Sprintf("%d:%v", f.Error.Code, f.ID))
	}
	sort.Strings(failed)
	return fmt.Sprintf("%d error=%d total=%d items=%v failed=%v %s", status, r.Error, r.Data.Total, items, failed, r.Message)
}

// agProblem renders a problem+json body as "<status> <code> <detail>",
// with " dapi" appended when it has dapi_errors.
func agProblem(status int, body string) string {
	var p struct {
		Title  string         `json:"title"`
		Detail string         `json:"detail"`
		Error  int            `json:"error"`
		DAPI   map[string]any `json:"dapi_errors"`
	}
	if err := json.Unmarshal([]byte(body), &p); err != nil || p.Title == "" {
		return fmt.Sprintf("%d not a problem: %s", status, body)
	}
	s := fmt.Sprintf("%d %d %s", status, p.Error, p.Detail)
	if p.DAPI != nil {
		s += " dapi"
	}
	return s
}

// agFailedMessages returns "<code> <message>" of each failed item group.
func agFailedMessages(t *testing.T, body string) []string {
	t.Helper()
	var r agResult
	_ = json.Unmarshal([]byte(body), &r)
	var out []string
	for _, f := range r.Data.Failed {
		out = append(out, itoa(f.Error.Code)+" "+f.Error.Message)
	}
	return out
}
