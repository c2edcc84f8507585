package main

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// putConf builds PUT /groups/{group}/configuration with body.
func putConf(mod *Module, group, body string) *sdk.Request {
	req := sdktest.NewRequest(mod.Describe(), routePutGroupConfig, "", map[string]string{"group_id": group})
	req.Header.Set("Content-Type", "application/xml")
	req.Body = []byte(body)
	return req
}

func readConf(t *testing.T, h *sdktest.FakeHost, group string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(h.Root(), "etc/shared", group, "agent.conf"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A successful upload answers Wazuh's WazuhResult message and writes the
// file re-indented as upload_group_configuration does, mode 0660.
func TestPutGroupConfigWritesWazuhFormat(t *testing.T) {
	mod := New()
	h := groupHost(t)
	c := sdktest.Serve(t, mod, h, nil)
	body := "<agent_config os=\"Linux\">\n\t<localfile><location>/var/log/syslog</location>" +
		"<log_format>syslog</log_format></localfile>\n\n\t<!-- note -->\n</agent_config>\n"
	got := mustBody(t, c, putConf(mod, "dmz", body))
	if got != `{"message": "Agent configuration was successfully updated", "error": 0}` {
		t.Fatalf("put %s", got)
	}
	want := "<agent_config os=\"Linux\">\n  <localfile>\n    <location>/var/log/syslog</location>\n" +
		"    <log_format>syslog</log_format>\n  </localfile>\n  <!-- note -->\n</agent_config>\n"
	if conf := readConf(t, h, "dmz"); conf != want {
		t.Fatalf("file %q", conf)
	}
	fi, err := os.Stat(filepath.Join(h.Root(), "etc/shared/dmz/agent.conf"))
	if err != nil || fi.Mode().Perm() != 0o660 {
		t.Fatalf("mode %v %v", fi.Mode(), err)
	}
	// The uploaded file is then served parsed by GET …/configuration.
	get := mustBody(t, c, sdktest.NewRequest(mod.Describe(), routeGetGroupConfig, "", map[string]string{"group_id": "dmz"}))
	if get != `{"data": {"total_affected_items": 1, "affected_items": [{"filters": {"os": "Linux"}, "config": {"localfile": [{"location": "/var/log/syslog", "log_format": "syslog"}]}}]}, "error": 0}` {
		t.Fatalf("get %s", get)
	}
}

// Bad uploads give Wazuh's codes, statuses and texts and leave the file
// untouched.
func TestPutGroupConfigBadInput(t *testing.T) {
	mod := New()
	h := groupHost(t)
	c := sdktest.Serve(t, mod, h, nil)
	tmp := `'WAZUH_HOME/tmp/api_tmp_file_[a-z0-9_]{8}\.xml'`
	cases := []struct {
		name, group, body string
		code, status      int
		message           string // exact, or a regexp when re is set
		re                bool
		remediation       string
	}{
		{name: "empty", group: "dmz", body: "", code: 1112, status: 400, message: "Empty files are not supported",
			remediation: "Please, provide another file"},
		{name: "mismatched", group: "dmz", body: "<agent_config><broken></agent_config>", code: 1113, status: 400,
			message: "XML syntax error: mismatched tag: line 2, column 24", remediation: "Please, ensure file content has correct XML"},
		{name: "unclosed", group: "dmz", body: "<agent_config>", code: 1113, status: 400,
			message: "XML syntax error: mismatched tag: line 3, column 2"},
		{name: "bare ampersand", group: "dmz", body: "<agent_config><x>a & b</x></agent_config>", code: 1113, status: 400,
			message: "XML syntax error: not well-formed (invalid token): line 2, column 20"},
		{name: "undefined entity", group: "dmz", body: "<agent_config>&nbsp;</agent_config>", code: 1113, status: 400,
			message: "XML syntax error: undefined entity: line 2, column 14"},
		{name: "declaration", group: "dmz", body: `<?xml version="1.0"?><agent_config/>`, code: 1113, status: 400,
			message: "XML syntax error: XML or text declaration not at start of entity: line 2, column 0"},
		{name: "nul byte", group: "dmz", body: "<agent_config>\x00</agent_config>", code: 1113, status: 400,
			message: "XML syntax error: not well-formed (invalid token): line 2, column 14"},
		{name: "not agent_config", group: "dmz", body: "<agent_conf/>", code: 1114, status: 400, re: true,
			message: `^Wazuh syntax error: Invalid element in the configuration: 'agent_conf'\. Syscheck remote configuration in ` + tmp + ` is corrupted\.$`},
		{name: "bad attribute", group: "dmz", body: `<agent_config color="red"/>`, code: 1114, status: 400, re: true,
			message: `^Wazuh syntax error: Invalid attribute 'color' in the configuration: ` + tmp + `\. Syscheck remote configuration in ` + tmp + ` is corrupted\.$`},
		{name: "unknown section", group: "dmz", body: `<agent_config><syschek/></agent_config>`, code: 1114, status: 400, re: true,
			message: `^Wazuh syntax error: Invalid element in the configuration: 'syschek'\. Configuration error at ` + tmp + `\. Syscheck remote configuration in ` + tmp + ` is corrupted\.$`},
		{name: "not utf-8", group: "dmz", body: "<agent_config>\xff</agent_config>", code: 2006, status: 400,
			message: "Received JSON from Wazuh DB is not correctly formatted"},
		{name: "missing group", group: "nope", body: "<agent_config/>", code: 1710, status: 404, message: "The group does not exist"},
		{name: "bad group id", group: "..", body: "<agent_config/>", status: 400,
			message: "'..' is not a 'group_names'. Failed validating 'format' in schema: {'type': 'string', 'description': 'Group name', 'format': 'group_names'}. On instance: '..'"},
	}
	for _, tc := range cases {
		_, werr := call(t, c, putConf(mod, tc.group, tc.body))
		if werr == nil || werr.Code != tc.code || werr.Status() != tc.status {
			t.Errorf("%s: got %+v", tc.name, werr)
			continue
		}
		if tc.re && !regexp.MustCompile(tc.message).MatchString(werr.Message) || !tc.re && werr.Message != tc.message {
			t.Errorf("%s: message %q", tc.name, werr.Message)
		}
		if tc.remediation != "" && werr.Remediation != tc.remediation {
			t.Errorf("%s: remediation %q", tc.name, werr.Remediation)
		}
	}
	if conf := readConf(t, h, "dmz"); conf != defaultAgentConf {
		t.Fatalf("file changed by failed uploads: %q", conf)
	}
}

// Blocks filtered by name, os or profile are not checked section by
// section (ReadConfig skips them on a manager they do not match), and
// white space only is a valid, empty configuration.
func TestPutGroupConfigFilteredBlocksAndBlank(t *testing.T) {
	mod := New()
	h := groupHost(t)
	c := sdktest.Direct(t, mod, h, nil)
	mustBody(t, c, putConf(mod, "dmz", `<agent_config profile="x"><custom_thing/></agent_config>`))
	mustBody(t, c, putConf(mod, "dmz", " \n "))
	if conf := readConf(t, h, "dmz"); conf != "\n" {
		t.Fatalf("blank upload wrote %q", conf)
	}
}

// group:update_config denied on the group is Wazuh's 403, before any
// content check, and the file is not touched.
func TestPutGroupConfigRBACDenied(t *testing.T) {
	mod := New()
	h := groupHost(t)
	c := sdktest.Serve(t, mod, h, nil)
	for _, body := range []string{"<agent_config/>", "<broken"} {
		req := scoped(putConf(mod, "dmz", body), "group:update_config", "default")
		_, werr := call(t, c, req)
		if werr == nil || werr.Code != 4000 || werr.Status() != http.StatusForbidden ||
			werr.Message != "Permission denied: Resource type: group:id" {
			t.Fatalf("%q: got %+v", body, werr)
		}
	}
	if conf := readConf(t, h, "dmz"); conf != defaultAgentConf {
		t.Fatalf("file changed: %q", conf)
	}
	get := scoped(sdktest.NewRequest(mod.Describe(), routeGetGroupConfig, "", map[string]string{"group_id": "dmz"}), "group:read")
	if _, werr := call(t, c, get); werr == nil || werr.Code != 4000 || werr.Status() != http.StatusForbidden {
		t.Fatalf("get: %+v", werr)
	}
}
