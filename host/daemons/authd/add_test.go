package authd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const key64 = "b7efaafcde1bb0f3d3cbbf5b32e6335878305f4e6a19bec2d065f5e53e134e65"

func TestAddExactReplyAndSideEffects(t *testing.T) {
	root := testRoot(t)
	w, path := startServer(t, root, nil)

	got := rawCall(t, path, `{"function":"add","arguments":{"name":"web1","ip":"10.0.0.1","key":"`+key64+`"}}`)
	want := `{"error":0,"data":{"id":"001","name":"web1","ip":"10.0.0.1","key":"` + key64 + `"}}`
	if got != want {
		t.Fatalf("reply\n got %s\nwant %s", got, want)
	}
	if keys := readKeys(t, root); keys != "001 web1 10.0.0.1 "+key64+"\n" {
		t.Fatalf("client.keys = %q", keys)
	}
	cmds := w.log()
	wantInsert := `global insert-agent {"id":1,"name":"web1","ip":null,"register_ip":"10.0.0.1","internal_key":"` +
		key64 + `","group":null,"date_add":1700000000}`
	if len(cmds) != 1 || cmds[0] != wantInsert {
		t.Fatalf("wdb commands = %q", cmds)
	}
}

func TestAddGeneratesKeyAndNextID(t *testing.T) {
	root := testRoot(t)
	seed := "001 a any " + key64 + "\n007 !gone any " + key64 + "\n# comment kept\n"
	if err := os.WriteFile(filepath.Join(root, "etc", "client.keys"), []byte(seed), 0o640); err != nil {
		t.Fatal(err)
	}
	_, path := startServer(t, root, nil)
	got := rawCall(t, path, `{"function":"add","arguments":{"name":"b","ip":"any"}}`)
	re := regexp.MustCompile(`^\{"error":0,"data":\{"id":"008","name":"b","ip":"any","key":"[0-9a-f]{64}"\}\}$`)
	if !re.MatchString(got) {
		t.Fatalf("reply %s", got)
	}
	keys := readKeys(t, root)
	if !strings.HasPrefix(keys, seed) || !strings.Contains(keys, "\n008 b any ") {
		t.Fatalf("client.keys = %q", keys)
	}
	fi, err := os.Stat(filepath.Join(root, "etc", "client.keys"))
	if err != nil || fi.Mode().Perm() != 0o640 {
		t.Fatalf("mode %v, %v", fi.Mode(), err)
	}
}

func TestAddErrors(t *testing.T) {
	root := testRoot(t)
	_, path := startServer(t, root, func(c *Config) { c.MaxAgents = 3 })
	rawCall(t, path, `{"function":"add","arguments":{"name":"a1","ip":"10.0.0.1","id":"005","key":"`+key64+`"}}`)
	noForce := `"force":{"enabled":false}`
	cases := []struct{ name, body, want string }{
		{"dup name", `{"function":"add","arguments":{"name":"a1","ip":"any",` + noForce + `}}`,
			`{"error":9008,"message":"Duplicate name"}`},
		{"manager name", `{"function":"add","arguments":{"name":"manager","ip":"any"}}`,
			`{"error":9008,"message":"Duplicate name"}`},
		{"dup ip", `{"function":"add","arguments":{"name":"a2","ip":"10.0.0.1",` + noForce + `}}`,
			`{"error":9007,"message":"Duplicate IP"}`},
		{"dup id", `{"function":"add","arguments":{"name":"a2","ip":"any","id":"5",` + noForce + `}}`,
			`{"error":9012,"message":"Duplicate ID"}`},
		{"id 000", `{"function":"add","arguments":{"name":"a2","ip":"any","id":"000"}}`,
			`{"error":9012,"message":"Duplicate ID"}`},
		{"bad id", `{"function":"add","arguments":{"name":"a2","ip":"any","id":"x1"}}`,
			`{"error":9010,"message":"No such agent ID"}`},
		{"invalid ip", `{"function":"add","arguments":{"name":"a2","ip":"10.0.0.300"}}`,
			`{"error":9006,"message":"No such IP"}`},
		{"missing ip", `{"function":"add","arguments":{"name":"a2"}}`,
			`{"error":9006,"message":"No such IP"}`},
		{"missing name", `{"function":"add","arguments":{"ip":"any"}}`,
			`{"error":9005,"message":"No such name"}`},
		{"bad name", `{"function":"add","arguments":{"name":"a b","ip":"any"}}`,
			`{"error":9005,"message":"No such name"}`},
		{"removal mark name", `{"function":"add","arguments":{"name":"!a","ip":"any"}}`,
			`{"error":9005,"message":"No such name"}`},
		{"bad key", `{"function":"add","arguments":{"name":"a2","ip":"any","key":"a b"}}`,
			`{"error":9009,"message":"Issue generating key"}`},
		{"missing group", `{"function":"add","arguments":{"name":"a2","ip":"any","groups":"g1,nope"}}`,
			`{"error":9014,"message":"Invalid Group(s) Name(s)"}`},
		{"bad group", `{"function":"add","arguments":{"name":"a2","ip":"any","groups":"../etc"}}`,
			`{"error":9014,"message":"Invalid Group(s) Name(s)"}`},
		{"empty group", `{"function":"add","arguments":{"name":"a2","ip":"any","groups":"g1,"}}`,
			`{"error":9014,"message":"Invalid Group(s) Name(s)"}`},
		{"bad force", `{"function":"add","arguments":{"name":"a2","ip":"any","force":{"after_registration_time":"soon"}}}`,
			`{"error":9002,"message":"Parsing JSON input"}`},
	}
	for _, c := range cases {
		if got := rawCall(t, path, c.body); got != c.want {
			t.Errorf("%s: got %s want %s", c.name, got, c.want)
		}
	}
	rawCall(t, path, `{"function":"add","arguments":{"name":"a2","ip":"any"}}`)
	rawCall(t, path, `{"function":"add","arguments":{"name":"a3","ip":"any"}}`)
	if got := rawCall(t, path, `{"function":"add","arguments":{"name":"a4","ip":"any"}}`); got != `{"error":9013,"message":"Maximum number of agents reached"}` {
		t.Errorf("limit: %s", got)
	}
	if n := strings.Count(readKeys(t, root), "\n"); n != 3 {
		t.Errorf("client.keys has %d lines", n)
	}
}

func TestAddWithGroups(t *testing.T) {
	root := testRoot(t)
	w, path := startServer(t, root, nil)
	got := rawCall(t, path, `{"function":"add","arguments":{"name":"a","ip":"any","groups":"default,g1"}}`)
	if !strings.HasPrefix(got, `{"error":0,`) {
		t.Fatal(got)
	}
	cmds := w.log()
	if len(cmds) != 2 || !strings.Contains(cmds[0], `"group":"default,g1"`) ||
		cmds[1] != `global set-agent-groups {"mode":"override","sync_status":"synced","data":[{"id":1,"groups":["default","g1"]}]}` {
		t.Fatalf("commands %q", cmds)
	}
}

func TestForceReplacement(t *testing.T) {
	root := testRoot(t)
	w, path := startServer(t, root, nil)
	rawCall(t, path, `{"function":"add","arguments":{"name":"dup","ip":"any","key":"`+key64+`"}}`)
	if err := os.MkdirAll(filepath.Join(root, "queue", "diff", "dup"), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "queue", "db", "001.db"), []byte("x"), 0o640); err != nil {
		t.Fatal(err)
	}
	api := `"force":{"enabled":true,"disconnected_time":{"enabled":true,"value":"1h"},"after_registration_time":"1h","key_mismatch":true}`

	// Registered just now (date_add = now): too young to replace.
	if got := rawCall(t, path, `{"function":"add","arguments":{"name":"dup","ip":"any",`+api+`}}`); got != `{"error":9008,"message":"Duplicate name"}` {
		t.Fatalf("young agent: %s", got)
	}
	// Active agents are never replaced while disconnected_time is enabled.
	w.setAgent(1, map[string]any{"id": 1, "connection_status": "active", "date_add": 0})
	if got := rawCall(t, path, `{"function":"add","arguments":{"name":"dup","ip":"any",`+api+`}}`); got != `{"error":9008,"message":"Duplicate name"}` {
		t.Fatalf("active agent: %s", got)
	}
	// Disconnected two hours ago and registered long ago: replaced.
	w.setAgent(1, map[string]any{"id": 1, "connection_status": "disconnected",
		"disconnection_time": fixedNow.Unix() - 7200, "date_add": 0})
	got := rawCall(t, path, `{"function":"add","arguments":{"name":"dup","ip":"any",`+api+`}}`)
	var resp struct {
		Error int
		Data  AgentData
	}
	if err := json.Unmarshal([]byte(got), &resp); err != nil || resp.Error != 0 || resp.Data.ID != "002" {
		t.Fatalf("replacement: %s", got)
	}
	keys := readKeys(t, root)
	if !strings.HasPrefix(keys, "001 !dup any "+key64+"\n002 dup any ") {
		t.Fatalf("client.keys = %q", keys)
	}
	for _, p := range []string{"queue/diff/dup", "queue/db/001.db"} {
		if _, err := os.Stat(filepath.Join(root, p)); !os.IsNotExist(err) {
			t.Errorf("%s not removed: %v", p, err)
		}
	}
	cmds := strings.Join(w.log(), "\n")
	if !strings.Contains(cmds, "global delete-agent 1\nwazuhdb remove 1\nglobal insert-agent {\"id\":2,") {
		t.Fatalf("commands:\n%s", cmds)
	}
}

func TestForceSameIDReplacesLine(t *testing.T) {
	root := testRoot(t)
	_, path := startServer(t, root, nil)
	rawCall(t, path, `{"function":"add","arguments":{"name":"old","ip":"any","id":"010","key":"`+key64+`"}}`)
	// Not in the fake DB any more: nothing to protect, so it is replaced.
	force := `"force":{"enabled":true,"disconnected_time":{"enabled":false,"value":"0"},"after_registration_time":"0"}`
	got := rawCall(t, path, `{"function":"add","arguments":{"name":"new","ip":"any","id":"10","key":"`+key64+`",`+force+`}}`)
	if got != `{"error":0,"data":{"id":"010","name":"new","ip":"any","key":"`+key64+`"}}` {
		t.Fatal(got)
	}
	if keys := readKeys(t, root); keys != "010 new any "+key64+"\n" {
		t.Fatalf("client.keys = %q", keys)
	}
}

func TestInsertFailureRestoresKeys(t *testing.T) {
	root := testRoot(t)
	w, path := startServer(t, root, nil)
	rawCall(t, path, `{"function":"add","arguments":{"name":"a","ip":"any","key":"`+key64+`"}}`)
	before := readKeys(t, root)
	w.mu.Lock()
	w.failOn = "global insert-agent"
	w.mu.Unlock()
	if got := rawCall(t, path, `{"function":"add","arguments":{"name":"b","ip":"any"}}`); got != `{"error":9001,"message":"Internal error"}` {
		t.Fatal(got)
	}
	if after := readKeys(t, root); after != before {
		t.Fatalf("client.keys changed: %q", after)
	}
}
