package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// fakeAgent is one row of the tiny in-test agent table.
type fakeAgent struct {
	ID      int
	Name    string
	Status  string
	Version string
	Groups  string
	Sync    string
}

// fakeDB answers the global sql statements the module sends for a small
// fixed agent set. It does not evaluate SQL: it recognises each statement
// shape and computes the answer from the table, honouring id IN (...)
// lists and the id != 0 exclusion, so tests check the module's logic and
// rendering, not canned answers to whatever it asks.
type fakeDB struct {
	agents []fakeAgent
	// listing is returned verbatim for the page query of a listing.
	listing string
	// count is returned for COUNT(*) queries.
	count int
}

var inList = regexp.MustCompile(`id in \(([0-9,]*)\)|where id = ([0-9]+)`)

func (f *fakeDB) filter(sql string) []fakeAgent {
	var ids map[int]bool
	if m := inList.FindStringSubmatch(sql); m != nil {
		ids = map[int]bool{}
		for _, s := range strings.Split(m[1]+m[2], ",") {
			n, _ := strconv.Atoi(s)
			ids[n] = true
		}
	}
	var out []fakeAgent
	if strings.Contains(sql, " and 0 ") || strings.HasSuffix(sql, " and 0") {
		return nil // an empty RBAC scope
	}
	for _, a := range f.agents {
		if ids != nil && !ids[a.ID] {
			continue
		}
		if strings.Contains(sql, "id != 0") && a.ID == 0 {
			continue
		}
		if strings.Contains(sql, "connection_status = 'active'") && a.Status != "active" {
			continue
		}
		out = append(out, a)
	}
	return out
}

func (f *fakeDB) answer(cmd string) (json.RawMessage, error) {
	sql := strings.ToLower(strings.TrimPrefix(cmd, "global sql "))
	rows := []map[string]any{}
	switch {
	case strings.HasPrefix(sql, "select count(*) from ("):
		return json.RawMessage(fmt.Sprintf(`[{"count(*)":%d}]`, f.count)), nil
	case strings.HasPrefix(sql, "select id from agent"), strings.HasPrefix(sql, "select id, version from agent"):
		for _, a := range f.filter(sql) {
			rows = append(rows, map[string]any{"id": a.ID, "version": a.Version})
		}
	case strings.HasPrefix(sql, "select id, `group` as grp"):
		for _, a := range f.filter(sql) {
			r := map[string]any{"id": a.ID}
			if a.Groups != "" {
				r["grp"] = a.Groups
			}
			rows = append(rows, r)
		}
	case strings.HasPrefix(sql, "select connection_status as status"):
		n := map[[2]string]int{}
		for _, a := range f.filter(sql) {
			n[[2]string{a.Status, a.Sync}]++
		}
		for k, v := range n {
			rows = append(rows, map[string]any{"status": k[0], "sync": k[1], "n": v})
		}
	case strings.HasPrefix(sql, "select name, count(id_group)"):
		counts := map[string]int{}
		for _, a := range f.agents {
			for _, g := range strings.Split(a.Groups, ",") {
				if g != "" {
					counts[g]++
				}
			}
		}
		for g, n := range counts {
			rows = append(rows, map[string]any{"name": g, "count": n})
		}
	case strings.HasPrefix(sql, "select connection_status, version from agent"), strings.HasPrefix(sql, "select version from agent"):
		for _, a := range f.filter(sql) {
			r := map[string]any{"id": a.ID, "connection_status": a.Status}
			if a.Version != "" {
				r["version"] = a.Version // NULL columns are omitted, as wazuh-db does
			}
			rows = append(rows, r)
		}
	case strings.HasPrefix(sql, "select name, register_ip, internal_key"):
		for _, a := range f.filter(sql) {
			rows = append(rows, map[string]any{"name": a.Name, "register_ip": "any", "internal_key": strings.Repeat("ab", 32)})
		}
	case strings.HasPrefix(sql, "select id as \"id\""), strings.Contains(sql, " from agent where") && f.listing != "":
		return json.RawMessage(f.listing), nil
	default:
		return nil, fmt.Errorf("fake wazuh-db: unexpected statement %q", cmd)
	}
	sort.SliceStable(rows, func(i, j int) bool { return fmt.Sprint(rows[i]["id"]) < fmt.Sprint(rows[j]["id"]) })
	b, err := json.Marshal(rows)
	return b, err
}

// standardAgents is the fixed agent set of the tests.
func standardAgents() []fakeAgent {
	return []fakeAgent{
		{ID: 0, Name: "manager", Status: "active", Version: "Wazuh v4.14.7", Sync: "synced"},
		{ID: 1, Name: "web01", Status: "active", Version: "Wazuh v4.14.7", Groups: "default", Sync: "synced"},
		{ID: 2, Name: "db01", Status: "disconnected", Version: "Wazuh v4.9.0", Groups: "default,dmz", Sync: "not synced"},
		{ID: 3, Name: "old01", Status: "active", Version: "Wazuh v4.1.5", Groups: "dmz", Sync: "synced"},
		{ID: 4, Name: "new01", Status: "never_connected", Sync: "not synced"},
	}
}

// newTestHost returns a FakeHost granting the module's needs, answering
// global sql from db.
func newTestHost(t *testing.T, db *fakeDB) *sdktest.FakeHost {
	t.Helper()
	h := sdktest.NewFakeHost(t, New().Describe().Needs)
	h.OnWDBFunc("global sql ", db.answer)
	h.OnWDBFunc("global set-agent-groups ", func(string) (json.RawMessage, error) { return nil, nil })
	return h
}

// arMessages returns the payloads sent to the ar socket.
func arMessages(h *sdktest.FakeHost) []string {
	var out []string
	for _, c := range h.Calls() {
		if c.Kind == "socket" && c.Target == "ar" {
			out = append(out, string(c.Payload))
		}
	}
	return out
}

// scoped returns req with the scope of action replaced by an allow list.
func scoped(req *sdk.Request, action string, allow ...string) *sdk.Request {
	for i, s := range req.Scopes {
		if s.Action == action {
			req.Scopes[i] = sdk.ResourceScope{Action: s.Action, ResourceType: s.ResourceType, Allow: allow}
		}
	}
	return req
}
