package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Bad input found by throwing hostile requests at the real binary: each
// answers a Wazuh-style 4xx (or a normal 200), never a 5xx, and leaves
// etc/shared and global.db agreeing.

// hzDoHeader is grDo with one extra request header.
func (e *grEnv) hzDoHeader(t *testing.T, method, path, header, value string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, e.url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e.admin)
	req.Header.Set(header, value)
	resp, err := e.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// hzGroupsAgree fails unless the group directories under etc/shared and
// global.db's group table name the same groups.
func (e *grEnv) hzGroupsAgree(t *testing.T) {
	t.Helper()
	var dirs []string
	entries, err := os.ReadDir(filepath.Join(e.root, "etc", "shared"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range entries {
		if d.IsDir() {
			dirs = append(dirs, d.Name())
		}
	}
	reply := e.grWDB(t, "global sql SELECT name FROM `group` ORDER BY name")
	var rows []struct{ Name string }
	if err := json.Unmarshal([]byte(strings.TrimPrefix(reply, "ok ")), &rows); err != nil {
		t.Fatalf("%s: %v", reply, err)
	}
	var db []string
	for _, r := range rows {
		db = append(db, r.Name)
	}
	// "default" is on disk from the start, but global.db only gets its row
	// once an agent is assigned to it (a new agent has no belongs rows,
	// data-layer.md §4.1): it is left out of the comparison.
	isDefault := func(g string) bool { return g == "default" }
	dirs, db = slices.DeleteFunc(dirs, isDefault), slices.DeleteFunc(db, isDefault)
	slices.Sort(dirs)
	slices.Sort(db)
	if !slices.Equal(dirs, db) {
		t.Fatalf("etc/shared has %v, global.db has %v (%s)", dirs, db, reply)
	}
}

func TestHzBadInputThroughTheModuleWire(t *testing.T) {
	e := grStart(t)
	long := strings.Repeat("a", 300)
	e.grRun(t, []grCase{
		// Invalid UTF-8 in a path parameter reaches the module as U+FFFD
		// (it used to fail the wire and answer 503 "daemons not ready").
		{name: "invalid utf-8 group", method: "GET", path: "/groups/%ff/agents", token: e.admin, status: 400,
			want: `{"title": "Bad Request", "detail": "'\ufffd' is not a 'group_names'. Failed validating 'format'…`},
		// A name longer than NAME_MAX does not exist (it used to be a 500
		// quoting the stat error with the absolute path).
		{name: "long group", method: "GET", path: "/groups/" + long + "/agents", token: e.admin, status: 404,
			want: `{"title": "Resource Not Found", "detail": "The group does not exist"…`},
		{name: "long group assign", method: "PUT", path: "/agents/group?group_id=" + long, token: e.admin, status: 404,
			want: `{"title": "Resource Not Found", "detail": "The group does not exist"…`},
		{name: "long file", method: "GET", path: "/groups/default/files/" + long, token: e.admin, status: 400,
			want: `{"title": "Bad Request", "detail": "File/directory does not exist or there is a problem with the permissions: WAZUH_HOME/etc/shared/default/` + long + `"…`},
		// offset has no maximum: offset+limit used to wrap and panic.
		{name: "huge offset", method: "GET", path: "/groups/default/configuration?offset=9223372036854775807", token: e.admin, status: 200,
			want: `{"data": {"total_affected_items": 1, "affected_items": []}, "error": 0}`},
	})
	// A latin-1 header byte is forwarded as its character; concurrent
	// calls sharing the module's stream are unaffected.
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if s, b := e.hzDoHeader(t, "GET", "/agents?limit=1", "User-Agent", "ua\xff"); s != 200 {
				t.Errorf("latin-1 User-Agent: %d %s", s, b)
			}
			if s, b := e.hzDoHeader(t, "GET", "/agents?limit=1", "User-Agent", "ok"); s != 200 {
				t.Errorf("concurrent call: %d %s", s, b)
			}
		}()
	}
	wg.Wait()
}

// Assigning agents to a group while it is deleted and created again never
// leaves a global.db group row without its directory (set-agent-groups
// recreates missing groups), and deleting the same group from many
// requests at once answers 1710 items, never an error.
func TestHzConcurrentGroupDeleteAndAssign(t *testing.T) {
	e := grStart(t)
	e.grRegister(t, "hz1", "hz2", "hz3")
	var wg sync.WaitGroup
	for round := 0; round < 15; round++ {
		e.grMust(t, "POST", "/groups", `{"group_id":"hzrace"}`)
		for i := 0; i < 12; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var path, method string
				switch i % 4 {
				case 0:
					method, path = "DELETE", "/groups?groups_list=hzrace"
				case 1:
					method, path = "PUT", "/agents/00"+itoa(1+i%3)+"/group/hzrace"
				case 2:
					method, path = "PUT", "/agents/group?group_id=hzrace&agents_list=001,002,003"
				default:
					method, path = "PUT", "/agents/group?group_id=hzrace"
				}
				s, _, b := e.grDo(t, method, path, e.admin, "", "")
				if s != 200 && s != 404 {
					t.Errorf("%s %s: %d %s", method, path, s, b)
				}
			}()
		}
		wg.Wait()
		e.hzGroupsAgree(t)
		e.grDo(t, "DELETE", "/groups?groups_list=hzrace", e.admin, "", "")
	}
}
