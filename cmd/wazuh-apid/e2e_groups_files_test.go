package main

import (
	"crypto/md5"
	"crypto/sha1"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// The group configuration and file operations through the host
// (api-surface.md §1.3): GET and PUT /groups/{group_id}/configuration, GET
// /groups/{group_id}/files and GET /groups/{group_id}/files/{file_name}.
// Group dmz has an agent.conf uploaded through the API and a merged.mg;
// etc/shared has an ar.conf. Users: dmzconf reads and updates dmz only,
// noperm has no roles.
func TestGroupFilesAndConfigurationThroughHost(t *testing.T) {
	e := grStart(t)
	get, put := http.MethodGet, http.MethodPut
	e.grMust(t, http.MethodPost, "/groups", `{"group_id":"dmz"}`)
	merged, ar := "#dmz\n!16 agent.conf\n<agent_config/>\n", "restart-ossec0 - restart-ossec.sh - 0\n"
	e.grWrite(t, "etc/shared/dmz/merged.mg", merged)
	e.grWrite(t, "etc/shared/ar.conf", ar)
	tok := e.grUsers(t, map[string][]grPolicy{
		"dmzconf": {grAllow("group:read", "group:id:dmz"), grAllow("group:update_config", "group:id:dmz")},
		"noperm":  nil,
	})
	const xml = "application/xml"
	conf := `<agent_config os="Linux"><localfile><location>/var/log/app.log</location><log_format>syslog</log_format></localfile></agent_config>` +
		`<agent_config name="web01"><syscheck><frequency>60</frequency></syscheck></agent_config>`
	written := "<agent_config os=\"Linux\">\n  <localfile>\n    <location>/var/log/app.log</location>\n    <log_format>syslog</log_format>\n" +
		"  </localfile>\n</agent_config>\n<agent_config name=\"web01\">\n  <syscheck>\n    <frequency>60</frequency>\n  </syscheck>\n</agent_config>\n"
	block1 := `{"filters": {"os": "Linux"}, "config": {"localfile": [{"location": "/var/log/app.log", "log_format": "syslog"}]}}`
	block2 := `{"filters": {"name": "web01"}, "config": {"syscheck": {"frequency": "60"}}}`
	updated := `{"message": "Agent configuration was successfully updated", "error": 0}`

	t.Run("PUT /groups/{group_id}/configuration", func(t *testing.T) {
		e.grRun(t, []grCase{
			{name: "denied group", method: put, path: "/groups/default/configuration", token: tok["dmzconf"], ctype: xml, body: conf,
				status: 403, want: grDenied("group:id")},
			{name: "no roles", method: put, path: "/groups/dmz/configuration", token: tok["noperm"], ctype: xml, body: conf,
				status: 403, want: grDenied("group:id")},
			{name: "update", method: put, path: "/groups/dmz/configuration", token: tok["dmzconf"], ctype: xml, body: conf,
				status: 200, want: updated},
			{name: "unknown group", method: put, path: "/groups/nope/configuration", token: e.admin, ctype: xml, body: conf,
				status: 404, want: grNoGroup},
			{name: "malformed XML", method: put, path: "/groups/dmz/configuration", token: e.admin, ctype: xml, body: "<agent_config><a></agent_config>",
				status: 400, want: `{"title": "Bad Request", "detail": "XML syntax error: mismatched tag: line 2, column 19", …`},
			{name: "empty", method: put, path: "/groups/dmz/configuration", token: e.admin, ctype: xml, body: "",
				status: 400, want: `{"title": "Bad Request", "detail": "Empty files are not supported", …`},
			{name: "JSON", method: put, path: "/groups/dmz/configuration", token: e.admin, ctype: "application/json", body: `{}`,
				status: 415, want: `{"title": "Unsupported Media Type", "detail": "Invalid Content-type (application/json), expected ['application/xml']"}`},
			{name: "no content type", method: put, path: "/groups/dmz/configuration", token: e.admin, ctype: "-", body: conf,
				status: 406, want: `{"title": "Not Acceptable", "detail": "The body type is not the one specified in the content-type", "error": 6002}`},
			{name: "all is not a group", method: put, path: "/groups/all/configuration", token: e.admin, ctype: xml, body: conf,
				status: 400, want: grBad("'all' is not a 'group_names'. Failed validating 'format'")},
			{name: "extra parameter", method: put, path: "/groups/dmz/configuration?overwrite=true", token: e.admin, ctype: xml, body: conf,
				status: 400, want: grExtra("overwrite")},
		})
		if b, err := os.ReadFile(filepath.Join(e.root, "etc", "shared", "dmz", "agent.conf")); err != nil || string(b) != written {
			t.Fatalf("dmz/agent.conf after the refused uploads: %q %v", b, err)
		}
	})

	t.Run("GET /groups/{group_id}/configuration", func(t *testing.T) {
		e.grRun(t, []grCase{
			{name: "both blocks", method: get, path: "/groups/dmz/configuration", token: tok["dmzconf"], status: 200,
				want: `{"data": {"total_affected_items": 2, "affected_items": [` + block1 + ", " + block2 + `]}, "error": 0}`},
			{name: "offset and limit", method: get, path: "/groups/dmz/configuration?offset=1&limit=1", token: e.admin, status: 200,
				want: `{"data": {"total_affected_items": 2, "affected_items": [` + block2 + `]}, "error": 0}`},
			{name: "past the end", method: get, path: "/groups/dmz/configuration?offset=5", token: e.admin, status: 200,
				want: `{"data": {"total_affected_items": 2, "affected_items": []}, "error": 0}`},
			{name: "default group", method: get, path: "/groups/default/configuration", token: e.admin, status: 200,
				want: `{"data": {"total_affected_items": 1, "affected_items": [{"filters": {}, "config": {}}]}, "error": 0}`},
			{name: "unknown group", method: get, path: "/groups/nope/configuration", token: e.admin, status: 404, want: grNoGroup},
			{name: "denied group", method: get, path: "/groups/default/configuration", token: tok["dmzconf"], status: 403, want: grDenied("group:id")},
			{name: "no roles", method: get, path: "/groups/dmz/configuration", token: tok["noperm"], status: 403, want: grDenied("group:id")},
			{name: "limit 0", method: get, path: "/groups/dmz/configuration?limit=0", token: e.admin, status: 400,
				want: grBad("0 is less than the minimum of 1. Failed validating 'minimum'")},
			{name: "offset", method: get, path: "/groups/dmz/configuration?offset=x", token: e.admin, status: 400,
				want: `{"title": "Bad Request", "detail": "'x' is not of type 'integer'…`},
			{name: "extra parameter", method: get, path: "/groups/dmz/configuration?select=config", token: e.admin, status: 400, want: grExtra("select")},
		})
	})

	t.Run("GET /groups/{group_id}/files", func(t *testing.T) {
		const all = "All selected groups files were returned"
		agentConf := fmt.Sprintf(`{"filename": "agent.conf", "hash": "%x"}`, md5.Sum([]byte(written)))
		arConf := fmt.Sprintf(`{"filename": "ar.conf", "hash": "%x"}`, md5.Sum([]byte(ar)))
		mergedMG := fmt.Sprintf(`{"filename": "merged.mg", "hash": "%x"}`, md5.Sum([]byte(merged)))
		e.grRun(t, []grCase{
			{name: "files plus ar.conf, by name", method: get, path: "/groups/dmz/files", token: tok["dmzconf"], status: 200,
				want: grItems(agentConf+", "+arConf+", "+mergedMG, 3, "", 0, all, 0)},
			{name: "hash", method: get, path: "/groups/dmz/files?hash=sha1&q=filename%3Dmerged.mg", token: e.admin, status: 200,
				want: grItems(fmt.Sprintf(`{"filename": "merged.mg", "hash": "%x"}`, sha1.Sum([]byte(merged))), 1, "", 0, all, 0)},
			{name: "sort, search, limit", method: get, path: "/groups/dmz/files?search=conf&sort=-filename&limit=1", token: e.admin, status: 200,
				want: grItems(arConf, 2, "", 0, all, 0)},
			{name: "select", method: get, path: "/groups/default/files?select=filename", token: e.admin, status: 200,
				want: grItems(`{"filename": "agent.conf"}, {"filename": "ar.conf"}`, 2, "", 0, all, 0)},
			// get_group_files: a failed item, not a 404 (unlike the other group routes).
			{name: "unknown group", method: get, path: "/groups/nope/files", token: e.admin, status: 200,
				want: grItems("", 0, grFailed1710("nope"), 1, "No groups files were returned", 1)},
			{name: "denied group", method: get, path: "/groups/default/files", token: tok["dmzconf"], status: 403, want: grDenied("group:id")},
			{name: "no roles", method: get, path: "/groups/dmz/files", token: tok["noperm"], status: 403, want: grDenied("group:id")},
			{name: "bad hash", method: get, path: "/groups/dmz/files?hash=crc32", token: e.admin, status: 400,
				want: grBad("'crc32' is not one of ['md5', ")},
			{name: "sort field", method: get, path: "/groups/dmz/files?sort=%2Bsize", token: e.admin, status: 400,
				want: `{"title": "Bad Request", "detail": "Not a valid sort field", "remediation": "Please, use only allowed sort fields: Allowed sort fields: filename, hash. Wrong fields: size", …`},
			{name: "group format", method: get, path: "/groups/a%20b/files", token: e.admin, status: 400,
				want: grBad("'a b' is not a 'group_names'. Failed validating 'format'")},
			{name: "extra parameter", method: get, path: "/groups/dmz/files?type=conf", token: e.admin, status: 400, want: grExtra("type")},
		})
	})

	t.Run("GET /groups/{group_id}/files/{file_name}", func(t *testing.T) {
		e.grRun(t, []grCase{
			{name: "agent.conf parsed", method: get, path: "/groups/dmz/files/agent.conf", token: tok["dmzconf"], status: 200,
				want: `{"data": {"total_affected_items": 2, "affected_items": [` + block1 + ", " + block2 + `]}, "error": 0}`},
			{name: "unknown file", method: get, path: "/groups/dmz/files/nope.txt", token: e.admin, status: 400,
				want: `{"title": "Bad Request", "detail": "File/directory does not exist or there is a problem with the permissions: WAZUH_HOME/etc/shared/dmz/nope.txt", …`},
			{name: "unknown group", method: get, path: "/groups/nope/files/agent.conf", token: e.admin, status: 404, want: grNoGroup},
			{name: "denied group", method: get, path: "/groups/default/files/agent.conf", token: tok["dmzconf"], status: 403, want: grDenied("group:id")},
			{name: "no roles", method: get, path: "/groups/dmz/files/agent.conf?raw=true", token: tok["noperm"], status: 403, want: grDenied("group:id")},
			{name: "bad type", method: get, path: "/groups/dmz/files/agent.conf?type=xml", token: e.admin, status: 400,
				want: grBad("'xml' is not one of ['conf', 'rootkit_files', 'rootkit_trojans', 'rcl']. Failed validating 'enum'")},
			{name: "bad raw", method: get, path: "/groups/dmz/files/agent.conf?raw=yes", token: e.admin, status: 400,
				want: `{"title": "Bad Request", "detail": "'yes' is not of type 'boolean'…`},
			{name: "file name format", method: get, path: "/groups/dmz/files/~root", token: e.admin, status: 400,
				want: grBad("'~root' is not a 'alphanumeric'. Failed validating 'format'")},
			{name: "traversal", method: get, path: "/groups/dmz/files/..%2F..%2Fclient.keys", token: e.admin, status: 404,
				want: `{"title": "Not Found", "detail": "404: Not Found"}`},
			{name: "extra parameter", method: get, path: "/groups/dmz/files/agent.conf?hash=md5", token: e.admin, status: 400, want: grExtra("hash")},
		})
		for _, c := range []struct{ path, ctype, body string }{
			{"/groups/dmz/files/agent.conf?raw=true", "application/xml; charset=utf-8", written},
			{"/groups/dmz/files/merged.mg?raw=true", "text/plain; charset=utf-8", merged},
		} {
			status, hdr, body := e.grDo(t, get, c.path, e.admin, "", "")
			if status != 200 || body != c.body || hdr.Get("Content-Type") != c.ctype {
				t.Errorf("GET %s: %d %q %q", c.path, status, hdr.Get("Content-Type"), body)
			}
		}
	})
}
