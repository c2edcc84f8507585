package authd

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRemove(t *testing.T) {
	root := testRoot(t)
	w, path := startServer(t, root, nil)
	rawCall(t, path, `{"function":"add","arguments":{"name":"a","ip":"any","key":"`+key64+`"}}`)
	rawCall(t, path, `{"function":"add","arguments":{"name":"b","ip":"any","key":"`+key64+`"}}`)
	if err := os.MkdirAll(filepath.Join(root, "queue", "rids"), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "queue", "rids", "001"), nil, 0o640); err != nil {
		t.Fatal(err)
	}

	if got := rawCall(t, path, `{"function":"remove","arguments":{"id":"001","purge":false}}`); got != `{"error":0,"data":"Agent deleted successfully."}` {
		t.Fatal(got)
	}
	want := "001 !a any " + key64 + "\n002 b any " + key64 + "\n"
	if keys := readKeys(t, root); keys != want {
		t.Fatalf("client.keys = %q", keys)
	}
	if _, err := os.Stat(filepath.Join(root, "queue", "rids", "001")); !os.IsNotExist(err) {
		t.Errorf("rids file not removed: %v", err)
	}
	cmds := w.log()
	if got := strings.Join(cmds[len(cmds)-2:], "|"); got != "global delete-agent 1|wazuhdb remove 1" {
		t.Errorf("commands %s", got)
	}

	cases := []struct{ body, want string }{
		{`{"function":"remove","arguments":{"id":"001"}}`, `{"error":9011,"message":"Agent ID not found"}`},
		{`{"function":"remove","arguments":{"id":"999"}}`, `{"error":9011,"message":"Agent ID not found"}`},
		{`{"function":"remove","arguments":{"id":"000"}}`, `{"error":9011,"message":"Agent ID not found"}`},
		{`{"function":"remove","arguments":{}}`, `{"error":9010,"message":"No such agent ID"}`},
		{`{"function":"remove"}`, `{"error":9004,"message":"No such argument"}`},
	}
	for _, c := range cases {
		if got := rawCall(t, path, c.body); got != c.want {
			t.Errorf("%s: got %s want %s", c.body, got, c.want)
		}
	}

	// Purge drops the line; the id is still never reused.
	if got := rawCall(t, path, `{"function":"remove","arguments":{"id":"002","purge":true}}`); !strings.Contains(got, `"error":0`) {
		t.Fatal(got)
	}
	if keys := readKeys(t, root); keys != "001 !a any "+key64+"\n" {
		t.Fatalf("client.keys = %q", keys)
	}
	got := rawCall(t, path, `{"function":"add","arguments":{"name":"a","ip":"any"}}`)
	if !strings.Contains(got, `"id":"003"`) {
		t.Fatalf("re-add after removals: %s", got)
	}
}

func TestGet(t *testing.T) {
	root := testRoot(t)
	_, path := startServer(t, root, nil)
	rawCall(t, path, `{"function":"add","arguments":{"name":"a","ip":"any","key":"`+key64+`"}}`)
	if got := rawCall(t, path, `{"function":"get","arguments":{"id":"001"}}`); got != `{"error":0,"data":{"id":"001","name":"a","ip":"any","key":"`+key64+`"}}` {
		t.Fatal(got)
	}
	if got := rawCall(t, path, `{"function":"get","arguments":{"id":"002"}}`); got != `{"error":9011,"message":"Agent ID not found"}` {
		t.Fatal(got)
	}
}

func TestClientHelpers(t *testing.T) {
	root := testRoot(t)
	_, path := startServer(t, root, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	f := APIDefaultForce()
	a, err := AddAgent(ctx, path, AddArgs{Name: "c", IP: "any", Force: &f})
	if err != nil || a.ID != "001" || len(a.Key) != 64 {
		t.Fatalf("add: %+v %v", a, err)
	}
	_, err = AddAgent(ctx, path, AddArgs{Name: "c", IP: "any", Force: &f})
	var pe *ProtocolError
	if !errors.As(err, &pe) || pe.Code != CodeDuplicateName {
		t.Fatalf("duplicate: %v", err)
	}
	if err := RemoveAgent(ctx, path, "001", false); err != nil {
		t.Fatal(err)
	}
	if err := RemoveAgent(ctx, path, "001", false); !errors.As(err, &pe) || pe.Code != CodeAgentNotFound {
		t.Fatalf("second remove: %v", err)
	}
}
