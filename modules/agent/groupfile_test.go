package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// Group files of the tests and what get_file_conf answers for them. The
// expected data were produced by running Wazuh's parsers
// (_rootkit_files2json, _rootkit_trojans2json, _rcl2json, _ar_conf2json)
// with CPython on the same files; note that Wazuh does not strip the
// regex groups, and cuts a control name without "{" one character short
// (spec.yaml's example shows "…Benchmark v1.").
const (
	rootkitFiles = "# rootkit_files.txt, (C) Daniel B. Cid\n# Each line must be in the following format:\n# file_name ! Name ::Link to it\n\n# Bash door\n" +
		"tmp/mcliZokhb           ! Bash door ::/rootkits/bashdoor.php\n  *.sniff ! Sniffer log ::/rootkits/sniffer.php\n" +
		"usr/lib/libt  ! SHV4 Rootkit ::/rootkits/shv4.php   \nnot a rootkit line\n"
	rootkitFilesJSONWant = `[{"filename": "tmp/mcliZokhb          ", "name": "Bash door ", "link": "/rootkits/bashdoor.php"}, ` +
		`{"filename": "*.sniff", "name": "Sniffer log ", "link": "/rootkits/sniffer.php"}, ` +
		`{"filename": "usr/lib/libt ", "name": "SHV4 Rootkit ", "link": "/rootkits/shv4.php   "}]`

	rootkitTrojans = "ls          !bash|^/bin/sh|dev/[^clu]|\\.tmp/lsfile|duarawkz|/prof|/security|file\\.h!\r\n# comment\n" +
		"w           !uname -a|proc\\.h|bash!Trojaned w\nnothing here\n"
	rootkitTrojansJSONWant = `[{"filename": "ls         ", "name": "bash|^/bin/sh|dev/[^clu]|\\.tmp/lsfile|duarawkz|/prof|/security|file\\.h"}, ` +
		`{"filename": "w          ", "name": "uname -a|proc\\.h|bash", "description": "Trojaned w"}]`

	systemAuditRCL = "# @(#) $Id: ./src/rootcheck/db/system_audit_rcl.txt\n$php.ini=/etc/php.ini,/var/www/conf/php.ini,/etc/php5/apache2/php.ini;\n" +
		"$web_dirs=/var/www,/var/htdocs,/home/httpd,/usr/local/apache,/usr/local/apache2,/usr/local/www;\n\n" +
		"[CIS - Testing against the CIS Debian Linux Benchmark v1.0] [all required] [CIS_Debian_Benchmark_v1.0pdf]\n" +
		"f:/etc/debian_version;\nf:/proc/sys/kernel/ostype -> Linux;\n\n" +
		"[CIS - Debian Linux - 1.4 - Robust partition scheme - /tmp is not on its own partition {CIS: 1.4 Debian Linux}] [any] [https://benchmarks.cisecurity.org/tools2/linux/CIS_Debian_Benchmark_v1.0.pdf]\n" +
		"f:/etc/fstab -> !r:/tmp;\n\n[Apache - Web exploits - Suspicious file {PCI_DSS: 10.2.4} {CIS: 3.1 RHEL7}] [any] []\n" +
		"d:$web_dirs -> .txt$ -> r:^<?php|^#!;\n$web_dirs=/srv/www;\n"
	systemAuditJSONWant = `{"vars": {"web_dirs": "/srv/www;"}, "controls": [{"name": "CIS - Testing against the CIS Debian Linux Benchmark v1.", ` +
		`"cis": [], "pci": [], "condition": "all required", "reference": "CIS_Debian_Benchmark_v1.0pdf", "checks": ["f:/etc/debian_version;", ` +
		`"f:/proc/sys/kernel/ostype -> Linux;"]}, {"name": "CIS - Debian Linux - 1.4 - Robust partition scheme - /tmp is not on its own partition", ` +
		`"cis": [], "pci": [], "condition": "any", "reference": "https://benchmarks.cisecurity.org/tools2/linux/CIS_Debian_Benchmark_v1.0.pdf", ` +
		`"checks": ["f:/etc/fstab -> !r:/tmp;"]}, {"name": "Apache - Web exploits - Suspicious file", "cis": ["3.1 RHEL7"], "pci": ["10.2.4"], ` +
		`"condition": "any", "checks": ["d:$web_dirs -> .txt$ -> r:^<?php|^#!;"]}]}`

	arConf = "restart-ossec0 - restart-ossec.sh - 0\nrestart-wazuh0 - restart-wazuh - 0\n"
)

// fileHost is groupHost with the rootcheck files in group default.
func fileHost(t *testing.T) *sdktest.FakeHost {
	h := groupHost(t)
	for name, content := range map[string]string{"rootkit_files.txt": rootkitFiles, "rootkit_trojans.txt": rootkitTrojans,
		"system_audit_rcl.txt": systemAuditRCL, "ar.conf": arConf, "merged.mg": "!20 agent.conf\n<agent_config/>\n",
		"bad.txt": "f:/etc/passwd;\n", "latin1.txt": "caf\xe9\n", "broken.conf": "<agent_config><b>x</c></agent_config>"} {
		if err := h.Files().Write(context.Background(), "etc/shared/default/"+name, []byte(content), 0o660); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.Files().MkDir(context.Background(), "etc/shared/default/sub", 0o770); err != nil {
		t.Fatal(err)
	}
	return h
}

func fileReq(mod *Module, group, name, query string) *sdk.Request {
	return sdktest.NewRequest(mod.Describe(), routeGroupFile, query, map[string]string{"group_id": group, "file_name": name})
}

// Without raw, each file comes back parsed as get_file_conf does: by
// name, or by `type` (the raw last value of the query string).
func TestGroupFileParsedAsWazuh(t *testing.T) {
	mod := New()
	c := sdktest.Serve(t, mod, fileHost(t), nil)
	cases := []struct{ name, query, data string }{
		{"rootkit_files.txt", "", rootkitFilesJSONWant},
		{"rootkit_trojans.txt", "", rootkitTrojansJSONWant},
		{"system_audit_rcl.txt", "", systemAuditJSONWant},
		{"ar.conf", "", `["restart-ossec0 - restart-ossec.sh - 0", "restart-wazuh0 - restart-wazuh - 0"]`},
		{"agent.conf", "", `{"total_affected_items": 1, "affected_items": [{"filters": {}, "config": {}}]}`},
		{"merged.mg", "", `{"vars": {}, "controls": []}`},
		{"ar.conf", "type=rootkit_files", `[]`},
		{"system_audit_rcl.txt", "type=rcl&raw=false", systemAuditJSONWant},
		{"rootkit_files.txt", "type=conf&type=rootkit_files", rootkitFilesJSONWant},
		{"merged.mg", "type=conf", `{"total_affected_items": 1, "affected_items": [{"filters": {}, "config": {}}]}`},
		{"system_audit_rcl.txt", "type=conf", `{"total_affected_items": 0, "affected_items": []}`},
	}
	for _, tc := range cases {
		body := mustBody(t, c, fileReq(mod, "default", tc.name, tc.query))
		if want := `{"data": ` + tc.data + `, "error": 0}`; body != want {
			t.Errorf("%s?%s:\n got %s\nwant %s", tc.name, tc.query, body, want)
		}
	}
}

// raw=true answers the file itself, with Wazuh's content types (the
// dashboard sends raw=true twice).
func TestGroupFileRaw(t *testing.T) {
	mod := New()
	c := sdktest.Serve(t, mod, fileHost(t), nil)
	for name, want := range map[string][2]string{
		"agent.conf":        {defaultAgentConf, "application/xml; charset=utf-8"},
		"rootkit_files.txt": {rootkitFiles, "text/plain; charset=utf-8"},
		"merged.mg":         {"!20 agent.conf\n<agent_config/>\n", "text/plain; charset=utf-8"},
	} {
		resp, err := c.Handle(context.Background(), fileReq(mod, "default", name, "raw=true&raw=true&type=rcl"))
		if err != nil {
			t.Fatal(err)
		}
		if string(resp.Body) != want[0] || resp.Header.Get("Content-Type") != want[1] {
			t.Errorf("%s: %q %q", name, resp.Body, resp.Header.Get("Content-Type"))
		}
	}
}

// Wrong input gives Wazuh's validation, 1104, 1006, 1710 and 1101 errors.
func TestGroupFileErrors(t *testing.T) {
	mod := New()
	c := sdktest.Serve(t, mod, fileHost(t), nil)
	schema := func(v, format, repr string) string {
		return "'" + v + "' is not a '" + format + "'. Failed validating 'format' in schema: " + repr + ". On instance: '" + v + "'"
	}
	const groupSchema = "{'type': 'string', 'description': 'Group name', 'format': 'group_names'}"
	const fileSchema = "{'type': 'string', 'format': 'alphanumeric'}"
	cases := []struct {
		group, name, query string
		code, status       int
		message            string
	}{
		{"default", "agent.conf", "type=xml", 0, 400, "'xml' is not one of ['conf', 'rootkit_files', 'rootkit_trojans', 'rcl']. Failed validating 'enum' in schema['items']: {'type': 'string', 'enum': ['conf', 'rootkit_files', 'rootkit_trojans', 'rcl']}. On instance[0]: 'xml'"},
		{"default", "agent.conf", "raw=yes", 0, 400, "'yes' is not of type 'boolean'"},
		{"default", "agent.conf", "type=CONF", 1104, 400, "Invalid type: CONF. Valid types: dict_keys(['conf', 'rootkit_files', 'rootkit_trojans', 'rcl'])"},
		{"default", "agent.conf", "type=conf,rcl", 1104, 400, "Invalid type: conf,rcl. Valid types: dict_keys(['conf', 'rootkit_files', 'rootkit_trojans', 'rcl'])"},
		{"default", "nope.txt", "", 1006, 400, "File/directory does not exist or there is a problem with the permissions: WAZUH_HOME/etc/shared/default/nope.txt"},
		{"nope", "agent.conf", "", 1710, 404, "The group does not exist"},
		{"nope", "a/b", "", 0, 400, schema("a/b", "alphanumeric", fileSchema)},
		{"default", "bad.txt", "", 1101, 400, "Requested component does not exist: 'checks'"},
		{"default", "latin1.txt", "", 1101, 400, "Requested component does not exist: 'utf-8' codec can't decode byte 0xe9 in position 3: invalid continuation byte"},
		{"default", "broken.conf", "type=conf", 1101, 400, "Requested component does not exist: mismatched tag: line 4, column 30"},
		{"default", "sub", "", 1101, 400, "Requested component does not exist: [Errno 21] Is a directory: 'WAZUH_HOME/etc/shared/default/sub'"},
		{"default", "sub", "raw=true", 1006, 400, "File/directory does not exist or there is a problem with the permissions: WAZUH_HOME/etc/shared/default/sub"},
		{"all", "agent.conf", "", 0, 400, schema("all", "group_names", groupSchema)},
	}
	for _, tc := range cases {
		_, werr := call(t, c, fileReq(mod, tc.group, tc.name, tc.query))
		if werr == nil || werr.Code != tc.code || werr.Status() != tc.status ||
			(tc.message != "" && strings.Split(werr.Message, ". Failed validating")[0] != strings.Split(tc.message, ". Failed validating")[0]) {
			t.Errorf("%s/%s?%s: got %+v", tc.group, tc.name, tc.query, werr)
		}
	}
}

// group:read denied on the group is Wazuh's 403.
func TestGroupFileRBACDenied(t *testing.T) {
	mod := New()
	c := sdktest.Serve(t, mod, fileHost(t), nil)
	for _, route := range []string{routeGroupFile, routeGroupFiles} {
		req := scoped(fileReq(mod, "default", "agent.conf", ""), "group:read", "dmz")
		req.RouteID = route
		_, werr := call(t, c, req)
		if werr == nil || werr.Code != 4000 || werr.Status() != http.StatusForbidden ||
			werr.Message != "Permission denied: Resource type: group:id" {
			t.Fatalf("%s: got %+v", route, werr)
		}
	}
}
