package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pyjson"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// security.md §9 Hygiene (CVE-2021-26814 regression), through the real
// gRPC glue: group file endpoints accept only a group name matching
// group_names and a bare file name matching `alphanumeric`; "../",
// absolute paths, backslashes and percent-encoded forms (as they arrive
// when a proxy does not decode them) are Wazuh's 400 validation errors,
// and "." / ".." (which the regexes allow) name directories, never files
// outside the group.
func TestSec9HygieneFileTraversalModule(t *testing.T) {
	mod := New()
	h := fileHost(t)
	secret := filepath.Join(h.Root(), "etc", "secret.txt")
	if err := os.WriteFile(secret, []byte("TOP-SECRET"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := sdktest.Serve(t, mod, h, nil)
	badFiles := []string{"../secret.txt", "../../etc/secret.txt", "/etc/passwd", "..%2fsecret.txt", "%2e%2e%2f%2e%2e%2fsecret.txt",
		"%2e%2e", `..\..\secret.txt`, "sub/../../secret.txt", "agent.conf\x00", "~root", "*"}
	for _, name := range badFiles {
		for _, q := range []string{"", "raw=true"} {
			_, werr := call(t, c, fileReq(mod, "default", name, q))
			want := pyjson.StrRepr(name) + " is not a 'alphanumeric'. Failed validating 'format' in schema: {'type': 'string', 'format': 'alphanumeric'}. On instance: " + pyjson.StrRepr(name)
			if werr == nil || werr.Code != 0 || werr.Status() != 400 || werr.Message != want {
				t.Errorf("file %q %s: got %+v", name, q, werr)
			}
		}
	}
	dirs := map[string]string{"..": "WAZUH_HOME/etc/shared/default/..", ".": "WAZUH_HOME/etc/shared/default/."}
	for name, path := range dirs {
		_, werr := call(t, c, fileReq(mod, "default", name, ""))
		if werr == nil || werr.Code != 1101 || werr.Status() != 400 ||
			werr.Message != "Requested component does not exist: [Errno 21] Is a directory: '"+path+"'" {
			t.Errorf("file %q: got %+v", name, werr)
		}
		_, werr = call(t, c, fileReq(mod, "default", name, "raw=true"))
		if werr == nil || werr.Code != 1006 || werr.Status() != 400 {
			t.Errorf("file %q raw: got %+v", name, werr)
		}
	}
	badGroups := []string{"..", ".", "../etc", "../../etc", "/etc", "default/../dmz", "%2e%2e", "..%2f", `..\etc`, "all"}
	for _, g := range badGroups {
		reqs := []*sdk.Request{fileReq(mod, g, "agent.conf", "raw=true"), putConf(mod, g, "<agent_config/>")}
		for _, route := range []string{routeGroupFiles, routeGetGroupConfig, routeGroupAgents} {
			reqs = append(reqs, sdktest.NewRequest(mod.Describe(), route, "", map[string]string{"group_id": g}))
		}
		for _, req := range reqs {
			_, werr := call(t, c, req)
			if werr == nil || werr.Code != 0 || werr.Status() != 400 ||
				!strings.HasPrefix(werr.Message, pyjson.StrRepr(g)+" is not a 'group_names'. Failed validating 'format'") {
				t.Errorf("%s group %q: got %+v", req.RouteID, g, werr)
			}
		}
	}
	// Nothing outside etc/shared/<group> was read or written.
	if b, err := os.ReadFile(secret); err != nil || string(b) != "TOP-SECRET" {
		t.Fatalf("secret changed: %q %v", b, err)
	}
	entries, _ := os.ReadDir(filepath.Join(h.Root(), "etc"))
	for _, e := range entries {
		if e.Name() != "shared" && e.Name() != "secret.txt" {
			t.Errorf("unexpected file written: etc/%s", e.Name())
		}
	}
}
