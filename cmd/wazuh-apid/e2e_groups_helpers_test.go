package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Helpers of the e2e_groups_* tests (/groups, /overview/agents,
// /tasks/status through the real host): one host per test file (grStart),
// data built through the API, the embedded wazuh-db socket and files under
// the root, users built through /security, and Wazuh's documented bodies
// (api-surface.md §2, §3, §6) as builders so that cases read as tables.

// grPassword is the password of every user the tests create.
const grPassword = "Groups.Pass1"

// Wazuh's texts (api-surface.md §2.3, §3).
const (
	grRem4000 = "Please, make sure you have permissions to execute the current request. For more information on how " +
		"to set up permissions, please visit https://documentation.wazuh.com/4.14/user-manual/api/rbac/configuration.html"
	grRem1710 = "Please, use `GET /agents/groups` to find all available groups"
	// grTemplateConf is etc/shared/agent-template.conf as Wazuh ships it,
	// the agent.conf of the default group and of every created group.
	grTemplateConf = "<agent_config>\n\n  <!-- Shared agent configuration here -->\n\n</agent_config>\n"
	// grTemplateMD5 is its md5, the configSum of the spec's examples.
	grTemplateMD5 = "ab73af41699f13fdd81903b5f23d8d00"
)

// grEnv is one running host with the agent module and its data root.
type grEnv struct {
	*e2eHost
	root  string
	admin string
}

// grStart builds the binaries (once) and starts a host with the agent
// module on a fresh root.
func grStart(t *testing.T) *grEnv {
	t.Helper()
	bin := binaries(t)
	root := filepath.Join(t.TempDir(), "wazuh")
	h := startHost(t, bin, root, true)
	return &grEnv{e2eHost: h, root: root, admin: h.login(t)}
}

// grDo sends a request as it is written (no path cleaning) with an
// optional body; a body without ctype is sent as application/json, and
// ctype "-" sends no Content-Type. It returns the status, the headers and
// the body as text.
func (e *grEnv) grDo(t *testing.T, method, path, token, ctype, body string) (int, http.Header, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
		if ctype == "" {
			ctype = "application/json"
		}
	}
	req, err := http.NewRequest(method, e.url+path, rd)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	if ctype != "" && ctype != "-" {
		req.Header.Set("Content-Type", ctype)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	client := *e.client
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// grCase is one request and Wazuh's answer: the status and the body,
// exact unless want ends with "…" (then a prefix).
type grCase struct {
	name                       string
	method, path, token, ctype string
	body                       string
	status                     int
	want                       string
}

// grRun runs cases in order.
func (e *grEnv) grRun(t *testing.T, cases []grCase) {
	t.Helper()
	for _, c := range cases {
		status, _, body := e.grDo(t, c.method, c.path, c.token, c.ctype, c.body)
		want, prefix := strings.CutSuffix(c.want, "…")
		ok := body == want
		if prefix {
			ok = strings.HasPrefix(body, want)
		}
		if status != c.status || !ok {
			t.Errorf("%s: %s %s\n got %d %s\nwant %d %s", c.name, c.method, c.path, status, body, c.status, c.want)
		}
	}
}

// grItems renders an AffectedItemsWazuhResult as Wazuh does: items and
// failed are the JSON of the list elements.
func grItems(items string, total int, failed string, totalFailed int, msg string, code int) string {
	return fmt.Sprintf(`{"data": {"affected_items": [%s], "total_affected_items": %d, "total_failed_items": %d, "failed_items": [%s]}, "message": "%s", "error": %d}`,
		items, total, totalFailed, failed, msg, code)
}

// grIDs renders ids as a JSON list body: "a", "b".
func grIDs(ids ...string) string { return `"` + strings.Join(ids, `", "`) + `"` }

// grFailed renders one failed_items group.
func grFailed(code int, msg, remediation string, ids ...string) string {
	rem := ""
	if remediation != "" {
		rem = `, "remediation": "` + remediation + `"`
	}
	return fmt.Sprintf(`{"error": {"code": %d, "message": "%s"%s}, "id": [%s]}`, code, msg, rem, grIDs(ids...))
}

// grFailed1710 and grFailed4000 are the failed items of a missing group
// and of a group the caller may not use.
func grFailed1710(ids ...string) string {
	return grFailed(1710, "The group does not exist", grRem1710, ids...)
}

func grFailed4000(rtype string, ids ...string) string {
	return grFailed(4000, "Permission denied: Resource type: "+rtype, grRem4000, ids...)
}

// grDenied is Wazuh's 403 for an action or an explicit resource the
// caller may not use (api-surface.md §3).
func grDenied(rtype string) string {
	d := "Permission denied: Resource type: " + rtype
	return `{"title": "Permission Denied", "detail": "` + d + `", "remediation": "` + grRem4000 +
		`", "dapi_errors": {"unknown-node": {"error": "` + d + `"}}, "error": 4000}`
}

// grNoGroup is the 404 of a single-resource operation on a missing group.
const grNoGroup = `{"title": "Resource Not Found", "detail": "The group does not exist", "remediation": "` + grRem1710 +
	`", "dapi_errors": {"node01": {"error": "The group does not exist"}}, "error": 1710}`

// grBad is the beginning of a 400 whose detail starts with detail
// (validation errors: "match the first sentence exactly").
func grBad(detail string) string { return `{"title": "Bad Request", "detail": "` + detail + "…" }

// grExtra is connexion's strict-validation 400 for unknown parameters.
func grExtra(params string) string {
	return `{"title": "Bad Request", "detail": "Extra query parameter(s) ` + params + ` not in spec"}`
}

// grWDB sends one command to the embedded wazuh-db through its socket
// under the root (4-byte little-endian length frames) and expects "ok".
func (e *grEnv) grWDB(t *testing.T, command string) string {
	t.Helper()
	reply := wdbCommand(t, e.root, command)
	if !strings.HasPrefix(reply, "ok") {
		t.Fatalf("%s: %s", command, reply)
	}
	return reply
}

// grWrite writes a file under the root (e.g. etc/shared/dmz/merged.mg).
func (e *grEnv) grWrite(t *testing.T, rel, content string) {
	t.Helper()
	p := filepath.Join(e.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o660); err != nil {
		t.Fatal(err)
	}
}

// grRegister adds agents through POST /agents; they get ids 001, 002, …
// in order on a fresh root.
func (e *grEnv) grRegister(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if s, _, b := e.grDo(t, http.MethodPost, "/agents", e.admin, "", `{"name":"`+n+`"}`); s != 200 {
			t.Fatalf("register %s: %d %s", n, s, b)
		}
	}
}

// grMust sends an admin request that must answer 200 with error 0.
func (e *grEnv) grMust(t *testing.T, method, path, body string) {
	t.Helper()
	if s, _, b := e.grDo(t, method, path, e.admin, "", body); s != 200 || !strings.HasSuffix(b, `"error": 0}`) {
		t.Fatalf("%s %s: %d %s", method, path, s, b)
	}
}

// grPolicy is one allow policy of a test user.
type grPolicy struct{ actions, resources []string }

// grAllow allows action on resources.
func grAllow(action string, resources ...string) grPolicy {
	return grPolicy{actions: []string{action}, resources: resources}
}

// grUsers creates, through /security, one user per entry with one role
// holding the given policies (none: a user without roles), and returns
// their tokens. A policy whose body already exists (4009, e.g. one of
// Wazuh's defaults) is reused.
func (e *grEnv) grUsers(t *testing.T, specs map[string][]grPolicy) map[string]string {
	t.Helper()
	post := func(path, body string) (int, []map[string]any) {
		_, _, b := e.grDo(t, http.MethodPost, path, e.admin, "", body)
		var r struct {
			Data struct {
				Items  []map[string]any `json:"affected_items"`
				Failed []struct {
					Error struct{ Code int } `json:"error"`
				} `json:"failed_items"`
			} `json:"data"`
		}
		if json.Unmarshal([]byte(b), &r) != nil || (len(r.Data.Items) == 0 && len(r.Data.Failed) == 0) {
			t.Fatalf("POST %s: %s", path, b)
		}
		if len(r.Data.Items) == 0 {
			return r.Data.Failed[0].Error.Code, nil
		}
		return 0, r.Data.Items
	}
	policyID := func(p grPolicy) string {
		body, _ := json.Marshal(map[string]any{"actions": p.actions, "resources": p.resources, "effect": "allow"})
		name := fmt.Sprintf("gr-%x", sha256.Sum256(body))[:32]
		code, items := post("/security/policies", `{"name":"`+name+`","policy":`+string(body)+`}`)
		if code == 0 {
			return fmt.Sprint(items[0]["id"])
		}
		_, _, b := e.grDo(t, http.MethodGet, "/security/policies?limit=1000", e.admin, "", "")
		var r struct {
			Data struct {
				Items []struct {
					ID     int             `json:"id"`
					Policy json.RawMessage `json:"policy"`
				} `json:"affected_items"`
			} `json:"data"`
		}
		_ = json.Unmarshal([]byte(b), &r)
		for _, it := range r.Data.Items {
			var a, b2 any
			_ = json.Unmarshal(it.Policy, &a)
			_ = json.Unmarshal(body, &b2)
			if fmt.Sprint(a) == fmt.Sprint(b2) {
				return fmt.Sprint(it.ID)
			}
		}
		t.Fatalf("policy %s: code %d and not found", body, code)
		return ""
	}
	for user, policies := range specs {
		_, u := post("/security/users", `{"username":"`+user+`","password":"`+grPassword+`"}`)
		if len(policies) == 0 {
			continue
		}
		_, r := post("/security/roles", `{"name":"`+user+`-role"}`)
		var ids []string
		for _, p := range policies {
			ids = append(ids, policyID(p))
		}
		e.grMust(t, http.MethodPost, fmt.Sprintf("/security/roles/%v/policies?policy_ids=%s", r[0]["id"], strings.Join(ids, ",")), "")
		e.grMust(t, http.MethodPost, fmt.Sprintf("/security/users/%v/roles?role_ids=%v", u[0]["id"], r[0]["id"]), "")
	}
	time.Sleep(1100 * time.Millisecond) // relation changes invalidate tokens issued in the same second
	tokens := map[string]string{}
	for user := range specs {
		tokens[user] = e.loginAs(t, user, grPassword)
	}
	return tokens
}
