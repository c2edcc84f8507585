package main

import (
	"crypto/md5"
	"crypto/sha256"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// GET, POST and DELETE /groups through the host (api-surface.md §1.3,
// §0.1, §2.3): groups are etc/shared directories, created through POST
// /groups; agents 001 and 002 are in dmz, 001 also in web; dmz has a
// merged.mg. Users: dmzonly may read and delete dmz only, creator may
// create groups, noperm has no roles.
func TestGroupsCRUDThroughHost(t *testing.T) {
	e := grStart(t)
	get, post, del := http.MethodGet, http.MethodPost, http.MethodDelete
	e.grRun(t, []grCase{
		{name: "create", method: post, path: "/groups", token: e.admin, body: `{"group_id":"dmz"}`,
			status: 200, want: `{"message": "Group 'dmz' created.", "error": 0}`},
		{name: "create pretty", method: post, path: "/groups?pretty=true", token: e.admin, body: `{"group_id":"web"}`,
			status: 200, want: "{\n   \"message\": \"Group 'web' created.\",\n   \"error\": 0\n}"},
	})
	if conf, err := os.ReadFile(filepath.Join(e.root, "etc", "shared", "dmz", "agent.conf")); err != nil || string(conf) != grTemplateConf {
		t.Fatalf("dmz/agent.conf: %q %v", conf, err)
	}
	e.grRegister(t, "web01", "web02", "db01")
	e.grMust(t, http.MethodPut, "/agents/group?agents_list=001,002&group_id=dmz", "")
	e.grMust(t, http.MethodPut, "/agents/001/group/web", "")
	merged := "#dmz\n!42 agent.conf\n"
	e.grWrite(t, "etc/shared/dmz/merged.mg", merged)
	tok := e.grUsers(t, map[string][]grPolicy{
		"dmzonly": {grAllow("group:read", "group:id:dmz"), grAllow("group:delete", "group:id:dmz")},
		"creator": {grAllow("group:create", "*:*:*")},
		"noperm":  nil,
	})

	def := `{"name": "default", "count": 0, "configSum": "` + grTemplateMD5 + `"}`
	dmz := fmt.Sprintf(`{"name": "dmz", "count": 2, "mergedSum": "%x", "configSum": "%s"}`, md5.Sum([]byte(merged)), grTemplateMD5)
	web := `{"name": "web", "count": 1, "configSum": "` + grTemplateMD5 + `"}`
	const allRead, someRead, noneRead = "All selected groups information was returned",
		"Some groups information was not returned", "No group information was returned"
	t.Run("GET /groups", func(t *testing.T) {
		e.grRun(t, []grCase{
			{name: "all, sorted by name", method: get, path: "/groups", token: e.admin, status: 200,
				want: grItems(def+", "+dmz+", "+web, 3, "", 0, allRead, 0)},
			{name: "missing group", method: get, path: "/groups?groups_list=dmz,nope,web", token: e.admin, status: 200,
				want: grItems(dmz+", "+web, 2, grFailed1710("nope"), 1, someRead, 2)},
			{name: "only missing", method: get, path: "/groups?groups_list=nope", token: e.admin, status: 200,
				want: grItems("", 0, grFailed1710("nope"), 1, noneRead, 1)},
			{name: "hash", method: get, path: "/groups?groups_list=dmz&hash=sha256&select=configSum", token: e.admin, status: 200,
				want: grItems(fmt.Sprintf(`{"name": "dmz", "configSum": "%x"}`, sha256.Sum256([]byte(grTemplateConf))), 1, "", 0, allRead, 0)},
			{name: "sort, limit", method: get, path: "/groups?sort=-count&limit=1", token: e.admin, status: 200,
				want: grItems(dmz, 3, "", 0, allRead, 0)},
			{name: "q", method: get, path: "/groups?q=count%3E0;name~e&select=count", token: e.admin, status: 200,
				want: grItems(`{"name": "web", "count": 1}`, 1, "", 0, allRead, 0)},
			{name: "search", method: get, path: "/groups?search=dm&select=name", token: e.admin, status: 200,
				want: grItems(`{"name": "dmz"}`, 1, "", 0, allRead, 0)},
			{name: "distinct", method: get, path: "/groups?distinct=true&select=count", token: e.admin, status: 200,
				want: grItems(`{"count": 0}, {"count": 2}, {"count": 1}`, 3, "", 0, allRead, 0)},
			{name: "filtered listing", method: get, path: "/groups", token: tok["dmzonly"], status: 200,
				want: grItems(dmz, 1, "", 0, allRead, 0)},
			{name: "partly denied list", method: get, path: "/groups?groups_list=dmz,web", token: tok["dmzonly"], status: 200,
				want: grItems(dmz, 1, grFailed4000("group:id", "web"), 1, someRead, 2)},
			{name: "denied list", method: get, path: "/groups?groups_list=web", token: tok["dmzonly"], status: 403, want: grDenied("group:id")},
			{name: "no roles: empty listing", method: get, path: "/groups", token: tok["noperm"], status: 200,
				want: grItems("", 0, "", 0, noneRead, 0)},
			{name: "bad hash", method: get, path: "/groups?hash=md4", token: e.admin, status: 400,
				want: grBad("'md4' is not one of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'blake2b', 'blake2s', 'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512']. Failed validating 'enum'")},
			{name: "all is not a group", method: get, path: "/groups?groups_list=all", token: e.admin, status: 400,
				want: grBad("'all' is not a 'group_names'. Failed validating 'format'")},
			{name: "dot dot", method: get, path: "/groups?groups_list=dmz,..", token: e.admin, status: 400,
				want: grBad("'..' is not a 'group_names'. Failed validating 'format'")},
			{name: "limit 0", method: get, path: "/groups?limit=0", token: e.admin, status: 400,
				want: grBad("0 is less than the minimum of 1. Failed validating 'minimum'")},
			{name: "sort field", method: get, path: "/groups?sort=%2Bbogus", token: e.admin, status: 400,
				want: `{"title": "Bad Request", "detail": "Not a valid sort field", "remediation": "Please, use only allowed sort fields: Allowed sort fields: …`},
			{name: "select field", method: get, path: "/groups?select=bogus", token: e.admin, status: 400,
				want: grBad("Not a valid select field: bogus")},
			{name: "q format", method: get, path: "/groups?q=bad", token: e.admin, status: 400,
				want: grBad("Query does not match expected format: Parameter 'q' is not valid: 'bad'")},
			{name: "extra parameter", method: get, path: "/groups?agents_list=001", token: e.admin, status: 400, want: grExtra("agents_list")},
		})
	})

	t.Run("POST /groups", func(t *testing.T) {
		long := strings.Repeat("a", 129)
		e.grRun(t, []grCase{
			{name: "exists", method: post, path: "/groups", token: e.admin, body: `{"group_id":"dmz"}`, status: 400,
				want: `{"title": "Bad Request", "detail": "The group already exists: dmz", …`},
			{name: "default exists", method: post, path: "/groups", token: e.admin, body: `{"group_id":"default"}`, status: 400,
				want: `{"title": "Bad Request", "detail": "The group already exists: default", …`},
			{name: "default in any case", method: post, path: "/groups", token: e.admin, body: `{"group_id":"DEFAULT"}`, status: 400,
				want: `{"title": "Bad Request", "detail": "The group already exists: DEFAULT", …`},
			{name: "resourceless action denied", method: post, path: "/groups", token: tok["noperm"], body: `{"group_id":"x1"}`,
				status: 403, want: grDenied("*:*")},
			{name: "allowed creator", method: post, path: "/groups", token: tok["creator"], body: `{"group_id":"x1"}`,
				status: 200, want: `{"message": "Group 'x1' created.", "error": 0}`},
			{name: "all", method: post, path: "/groups", token: e.admin, body: `{"group_id":"all"}`, status: 400,
				want: `{"title": "Bad Request", "detail": "'all' is not a 'group_names' - 'group_id'"}`},
			{name: "dot dot", method: post, path: "/groups", token: e.admin, body: `{"group_id":".."}`, status: 400,
				want: `{"title": "Bad Request", "detail": "'..' is not a 'group_names' - 'group_id'"}`},
			{name: "slash", method: post, path: "/groups", token: e.admin, body: `{"group_id":"a/b"}`, status: 400,
				want: `{"title": "Bad Request", "detail": "'a/b' is not a 'group_names' - 'group_id'"}`},
			{name: "too long", method: post, path: "/groups", token: e.admin, body: `{"group_id":"` + long + `"}`, status: 400,
				want: `{"title": "Bad Request", "detail": "'` + long + `' is too long - 'group_id'"}`},
			{name: "not a string", method: post, path: "/groups", token: e.admin, body: `{"group_id":5}`, status: 400,
				want: `{"title": "Bad Request", "detail": "5 is not of type 'string' - 'group_id'"}`},
			{name: "missing", method: post, path: "/groups", token: e.admin, body: `{}`, status: 400,
				want: `{"title": "Bad Request", "detail": "'group_id' is a required property"}`},
			{name: "unknown field", method: post, path: "/groups", token: e.admin, body: `{"group_id":"x2","color":"red"}`, status: 400,
				want: `{"title": "Bad Request", "detail": "Invalid field found {'color'}"}`},
			{name: "not JSON", method: post, path: "/groups", token: e.admin, body: `group_id=x2`, status: 400,
				want: `{"title": "Bad Request", "detail": "Expecting value: line 1 column 1 (char 0)"}`},
			{name: "media type", method: post, path: "/groups", token: e.admin, ctype: "application/xml", body: `<x2/>`, status: 415,
				want: `{"title": "Unsupported Media Type", "detail": "Invalid Content-type (application/xml), expected ['application/json']"}`},
			{name: "extra parameter", method: post, path: "/groups?group_id=x2", token: e.admin, body: `{"group_id":"x2"}`,
				status: 400, want: grExtra("group_id")},
		})
		if _, err := os.Stat(filepath.Join(e.root, "etc", "shared", "x2")); !os.IsNotExist(err) {
			t.Fatalf("a refused request created x2: %v", err)
		}
	})

	t.Run("DELETE /groups", func(t *testing.T) {
		const allDel, someDel, noneDel = "All selected groups were deleted", "Some groups were not deleted", "No group was deleted"
		e.grRun(t, []grCase{
			{name: "no roles, all: nothing", method: del, path: "/groups?groups_list=all", token: tok["noperm"], status: 200,
				want: grItems("", 0, "", 0, noneDel, 0)},
			{name: "denied list", method: del, path: "/groups?groups_list=web", token: tok["dmzonly"], status: 403, want: grDenied("group:id")},
			// api-surface.md §2.3's total failure, verbatim.
			{name: "default and missing", method: del, path: "/groups?groups_list=default,nope", token: e.admin, status: 200,
				want: `{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 2, "failed_items": [{"error": {"code": 1710, "message": "The group does not exist", "remediation": "Please, use ` + "`GET /agents/groups`" + ` to find all available groups"}, "id": ["nope"]}, {"error": {"code": 1712, "message": "Default group is not deletable", "remediation": "Please, visit the official documentation (https://documentation.wazuh.com/4.14/user-manual/agents/grouping-agents.html)to get more information"}, "id": ["default"]}]}, "message": "No group was deleted", "error": 1}`},
			{name: "partly denied", method: del, path: "/groups?groups_list=dmz,web", token: tok["dmzonly"], status: 200,
				want: grItems(grIDs("dmz"), 1, grFailed4000("group:id", "web"), 1, someDel, 2)},
			{name: "agents left only in dmz go back to default", method: get, path: "/agents?agents_list=001,002&select=group", token: e.admin, status: 200,
				want: grItems(`{"group": ["web"], "id": "001"}, {"group": ["default"], "id": "002"}`, 2, "", 0, "All selected agents information was returned", 0)},
			{name: "partial failure", method: del, path: "/groups?groups_list=web,nope", token: e.admin, status: 200,
				want: grItems(grIDs("web"), 1, grFailed1710("nope"), 1, someDel, 2)},
			{name: "missing list", method: del, path: "/groups", token: e.admin, status: 400,
				want: `{"title": "Bad Request", "detail": "Missing query parameter 'groups_list'"}`},
			{name: "format", method: del, path: "/groups?groups_list=..", token: e.admin, status: 400,
				want: grBad("'..' is not a 'group_names_or_all'. Failed validating 'format'")},
			{name: "extra parameter", method: del, path: "/groups?groups_list=x1&purge=true", token: e.admin, status: 400, want: grExtra("purge")},
			{name: "create g1", method: post, path: "/groups", token: e.admin, body: `{"group_id":"g1"}`, status: 200,
				want: `{"message": "Group 'g1' created.", "error": 0}`},
			{name: "all but default", method: del, path: "/groups?groups_list=all", token: e.admin, status: 200,
				want: grItems(grIDs("g1", "x1"), 2, "", 0, allDel, 0)},
			{name: "only default left", method: get, path: "/groups?select=name", token: e.admin, status: 200,
				want: grItems(`{"name": "default"}`, 1, "", 0, allRead, 0)},
		})
		for _, g := range []string{"dmz", "web", "g1", "x1"} {
			if _, err := os.Stat(filepath.Join(e.root, "etc", "shared", g)); !os.IsNotExist(err) {
				t.Errorf("etc/shared/%s survived its deletion: %v", g, err)
			}
		}
	})
}
