package main

import (
	"bytes"
	"crypto/tls"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// send issues a request with an optional body and Content-Type; the path
// is sent as written (dot segments and percent-encodings included).
// Redirects are followed only when follow is set.
func (h *e2eHost) send(t *testing.T, method, path, token, ctype string, body []byte, follow bool) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, h.url+path, rd)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	if !follow {
		client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

// security.md §9 Hygiene (CVE-2021-26814 regression), end to end: no
// traversal form — "../", absolute paths, backslashes, %2e%2e%2f in any
// case, double encoding — reaches a file outside the group directory.
// Forms that survive URL decoding as a single path segment reach the
// module and get Wazuh's 400 format errors; forms that decode to extra
// path segments never match the route (404, as Wazuh's starlette: paths
// are not cleaned into redirects); an encoded dot segment that fills one
// parameter reaches the module, as on Wazuh, and is refused there.
func TestSec9HygieneFileTraversalThroughHost(t *testing.T) {
	bin := binaries(t)
	root := filepath.Join(t.TempDir(), "wazuh")
	h := startHost(t, bin, root, true)
	token := h.login(t)
	secret := filepath.Join(root, "etc", "secret.txt")
	if err := os.WriteFile(secret, []byte("TOP-SECRET"), 0o600); err != nil {
		t.Fatal(err)
	}
	module := map[string]string{ // reaches the module: exact Wazuh 400 detail
		"/groups/default/files/..%5c..%5csecret.txt":      `'..\\..\\secret.txt' is not a 'alphanumeric'`,
		"/groups/default/files/%252e%252e%252fsecret.txt": `'%2e%2e%2fsecret.txt' is not a 'alphanumeric'`,
		"/groups/default/files/~root":                     `'~root' is not a 'alphanumeric'`,
		"/groups/..%5cetc/files/secret.txt":               `'..\\etc' is not a 'group_names'`,
		"/groups/%252e%252e/files/secret.txt?raw=true":    `'%2e%2e' is not a 'group_names'`,
		"/groups/%2e%2e/files/secret.txt":                 `'..' is not a 'group_names'`,
	}
	for path, detail := range module {
		status, _, body := h.send(t, http.MethodGet, path, token, "", nil, false)
		var p struct{ Title, Detail string }
		if status != 400 || json.Unmarshal(body, &p) != nil || p.Title != "Bad Request" ||
			!strings.HasPrefix(p.Detail, detail+". Failed validating 'format'") {
			t.Errorf("GET %s: %d %s", path, status, body)
		}
	}
	traversals := []string{
		"/groups/default/files/../../secret.txt",
		"/groups/default/files/..%2f..%2fsecret.txt",
		"/groups/default/files/%2e%2e%2f%2e%2e%2fsecret.txt",
		"/groups/default/files/%2E%2E%2F%2E%2E%2Fsecret.txt?raw=true",
		"/groups/default/files/%2e%2e/%2e%2e/secret.txt",
		"/groups/default/files//etc/passwd",
		"/groups/default/files/%2Fetc%2Fpasswd?raw=true",
		"/groups/..%2f..%2fetc/files/secret.txt",
		"/groups/%2e%2e%2f%2e%2e/configuration",
	}
	for _, path := range traversals {
		for _, follow := range []bool{false, true} {
			status, hdr, body := h.send(t, http.MethodGet, path, token, "", nil, follow)
			if strings.Contains(string(body), "TOP-SECRET") || status == 200 || status >= 500 {
				t.Errorf("GET %s (follow %v): %d %s", path, follow, status, body)
			}
			if loc := hdr.Get("Location"); loc != "" && (strings.Contains(loc, "..") || !strings.HasPrefix(loc, "/")) {
				t.Errorf("GET %s redirects to %q", path, loc)
			}
			if follow && status != 404 && status != 405 {
				t.Errorf("GET %s: final %d %s", path, status, body)
			}
		}
	}
	// An encoded ".." file name is the group directory's parent: 1101, as
	// Wazuh's parser fails on a directory.
	status, hdr, body := h.send(t, http.MethodGet, "/groups/default/files/%2e%2e", token, "", nil, false)
	if status != 400 || hdr.Get("Location") != "" || !strings.Contains(string(body), `"error": 1101}`) {
		t.Errorf("GET /groups/default/files/%%2e%%2e: %d %s", status, body)
	}
	for _, path := range []string{"/groups/%2e%2e%2f%2e%2e/configuration", "/groups/default%2f..%2f..%2fetc/configuration"} {
		status, _, body := h.send(t, http.MethodPut, path, token, "application/xml", []byte("<agent_config/>"), true)
		if status == 200 || status >= 500 {
			t.Errorf("PUT %s: %d %s", path, status, body)
		}
	}
	if b, err := os.ReadFile(secret); err != nil || string(b) != "TOP-SECRET" {
		t.Fatalf("secret.txt changed: %q %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(root, "etc", "agent.conf")); !os.IsNotExist(err) {
		t.Fatalf("agent.conf written outside etc/shared: %v", err)
	}
}

// PUT and GET of group files through the host: Wazuh's success envelope
// and re-indented file, 1113 for bad XML, the host's 406/415/413 body
// checks, parsed and raw reads, and a 403 for a user without roles.
func TestGroupFilesThroughHost(t *testing.T) {
	bin := binaries(t)
	root := filepath.Join(t.TempDir(), "wazuh")
	h := startHost(t, bin, root, true)
	token := h.login(t)
	const path = "/groups/default/configuration"
	status, _, body := h.send(t, http.MethodPut, path, token, "application/xml",
		[]byte(`<agent_config os="Linux"><localfile><location>/var/log/a &amp; b.log</location></localfile></agent_config>`), false)
	if status != 200 || string(body) != `{"message": "Agent configuration was successfully updated", "error": 0}` {
		t.Fatalf("put: %d %s", status, body)
	}
	conf, err := os.ReadFile(filepath.Join(root, "etc", "shared", "default", "agent.conf"))
	want := "<agent_config os=\"Linux\">\n  <localfile>\n    <location>/var/log/a & b.log</location>\n  </localfile>\n</agent_config>\n"
	if err != nil || string(conf) != want {
		t.Fatalf("agent.conf %q %v", conf, err)
	}
	status, hdr, body := h.send(t, http.MethodGet, "/groups/default/files/agent.conf?raw=true&raw=true", token, "", nil, false)
	if status != 200 || string(body) != want || hdr.Get("Content-Type") != "application/xml; charset=utf-8" {
		t.Fatalf("raw: %d %q %q", status, body, hdr.Get("Content-Type"))
	}
	status, _, body = h.send(t, http.MethodGet, "/groups/default/files/agent.conf", token, "", nil, false)
	if status != 200 || string(body) != `{"data": {"total_affected_items": 1, "affected_items": [{"filters": {"os": "Linux"}, "config": {"localfile": [{"location": "/var/log/a & b.log"}]}}]}, "error": 0}` {
		t.Fatalf("parsed: %d %s", status, body)
	}
	bad := map[string]struct {
		ctype  string
		body   []byte
		status int
		want   string
	}{
		"mismatched":   {"application/xml", []byte("<agent_config><x></agent_config>"), 400, `{"title": "Bad Request", "detail": "XML syntax error: mismatched tag: line 2, column 19", "remediation": "Please, ensure file content has correct XML", `},
		"empty":        {"application/xml", []byte{}, 400, `{"title": "Bad Request", "detail": "Empty files are not supported", "remediation": "Please, provide another file", `},
		"no type":      {"", []byte("<agent_config/>"), 406, `{"title": "Not Acceptable", "detail": "The body type is not the one specified in the content-type", "error": 6002}`},
		"json":         {"application/json", []byte(`{"a":1}`), 415, `{"title": "Unsupported Media Type", "detail": "Invalid Content-type (application/json), expected ['application/xml']"}`},
		"too large":    {"application/xml", bytes.Repeat([]byte("<a/>"), 10485760/4+1), 413, `{"title": "Content size exceeded.", "detail": "Maximum content size limit (10485760) exceeded (10485764 bytes read)"}`},
		"wazuh syntax": {"application/xml", []byte("<agent_conf/>"), 400, `{"title": "Bad Request", "detail": "Wazuh syntax error: Invalid element in the configuration: 'agent_conf'. Syscheck remote configuration in 'WAZUH_HOME/tmp/api_tmp_file_`},
	}
	for name, b := range bad {
		status, _, body := h.send(t, http.MethodPut, path, token, b.ctype, b.body, false)
		if status != b.status || !strings.HasPrefix(string(body), b.want) {
			t.Errorf("%s: %d %s", name, status, body)
		}
	}
	if conf2, _ := os.ReadFile(filepath.Join(root, "etc", "shared", "default", "agent.conf")); string(conf2) != want {
		t.Fatalf("agent.conf changed by rejected uploads: %q", conf2)
	}

	s, b := h.raw(t, http.MethodPost, "/security/users", token, `{"username":"noroles","password":"NoRoles.Pass1"}`)
	if s != 200 {
		t.Fatalf("create user: %d %s", s, b)
	}
	user := h.loginAs(t, "noroles", "NoRoles.Pass1")
	for _, req := range [][2]string{{http.MethodGet, "/groups/default/files/agent.conf"}, {http.MethodPut, path}} {
		ctype, payload := "", []byte(nil)
		if req[0] == http.MethodPut {
			ctype, payload = "application/xml", []byte("<agent_config/>")
		}
		status, _, body := h.send(t, req[0], req[1], user, ctype, payload, false)
		var p struct {
			Error int `json:"error"`
		}
		if status != 403 || json.Unmarshal(body, &p) != nil || p.Error != 4000 {
			t.Errorf("%s %s as noroles: %d %s", req[0], req[1], status, body)
		}
	}
}

// Agent 000 is answered from the manager's daemon sockets. The embedded
// host runs none of remoted, analysisd's com socket, logcollector or
// execd's com socket, so each read is Wazuh's 1121 (raised for the
// configuration, failed items for statistics); "agent" stats are 1310.
// The manager row is filled at start as wazuh-modulesd does (version
// included), so no 1015 "Agent version is null" comes first.
func TestManagerSocketsThroughHost(t *testing.T) {
	bin := binaries(t)
	root := filepath.Join(t.TempDir(), "wazuh")
	h := startHost(t, bin, root, true)
	token := h.login(t)
	hostname, _ := os.Hostname()
	status, _, body := h.send(t, http.MethodGet, "/agents?agents_list=000&select=name,manager,version,status,lastKeepAlive,ip,registerIP,node_name", token, "", nil, false)
	want := `{"data": {"affected_items": [{"name": "` + hostname + `", "manager": "` + hostname + `", "version": "Wazuh v4.14.7", "status": "active", ` +
		`"lastKeepAlive": "9999-12-31T23:59:59+00:00", "ip": "127.0.0.1", "registerIP": "127.0.0.1", "node_name": "node01", "id": "000"}], ` +
		`"total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "All selected agents information was returned", "error": 0}`
	if status != 200 || string(body) != want {
		t.Fatalf("agent 000:\n got %d %s\nwant %s", status, body, want)
	}
	socketErr := `{"code": 1121, "message": "Error connecting with socket", "remediation": "Please ensure the selected module is running and properly configured"}`
	cases := []struct {
		path   string
		status int
		want   string
	}{
		{"/agents/000/config/com/logging", 500, `{"title": "Wazuh Internal Error", "detail": "Error connecting with socket", "remediation": "Please ensure the selected module is running and properly configured"`},
		{"/agents/000/config/request/remote", 500, `"detail": "Error connecting with socket"`},
		{"/agents/000/config/agent/global", 400, `{"title": "Bad Request", "detail": "Invalid configuration for the given component: Valid configuration values for 'agent': {'client', 'buffer', 'labels', 'internal', 'anti_tampering'}"`},
		{"/agents/000/stats/logcollector", 200, `"failed_items": [{"error": ` + socketErr + `, "id": ["000"]}]}, "message": "Could not read statistical information for any agent", "error": 1}`},
		{"/agents/000/stats/agent", 200, `"failed_items": [{"error": {"code": 1310, "message": "Invalid agent ID"}, "id": ["000"]}]`},
		{"/agents/000/daemons/stats", 200, `"failed_items": [{"error": ` + socketErr + `, "id": ["wazuh-analysisd", "wazuh-remoted"]}]}, "message": "Could not read statistical information for any daemon", "error": 1}`},
	}
	for _, c := range cases {
		status, _, body := h.send(t, http.MethodGet, c.path, token, "", nil, false)
		if status != c.status || !strings.Contains(string(body), c.want) {
			t.Errorf("GET %s: %d %s", c.path, status, body)
		}
	}
}
