package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Helpers of the e2e_agents_* tests: one host per test file (agStart), data
// built through the API and the embedded wazuh-db socket, users built
// through /security, and compact renderings of Wazuh's envelopes so that
// cases read as tables.

// agPassword is the password of every user the tests create.
const agPassword = "Agent.Pass1"

// agEnv is one running host with the agent module and its data root.
type agEnv struct {
	*e2eHost
	root   string
	admin  string
	arSeen int // active-response log lines already consumed
}

// agStart builds the binaries (once) and starts a host with the agent
// module on a fresh root. settings, when not empty, is the agent module's
// settings as a YAML flow mapping (e.g. "{cluster_enabled: true}").
func agStart(t *testing.T, settings string) *agEnv {
	t.Helper()
	bin := binaries(t)
	root := filepath.Join(t.TempDir(), "wazuh")
	var h *e2eHost
	if settings == "" {
		h = startHost(t, bin, root, true)
	} else {
		h = agStartWithSettings(t, bin, root, settings)
	}
	return &agEnv{e2eHost: h, root: root, admin: h.login(t)}
}

// agStartWithSettings is startHost with settings for the agent module
// (and no example module).
func agStartWithSettings(t *testing.T, bin, root, settings string) *e2eHost {
	t.Helper()
	return startHostWithModules(t, bin, root, "    - name: agent\n      settings: "+settings+"\n")
}

// call sends a request with an optional JSON body and returns the status
// and the body as text.
func (e *agEnv) call(t *testing.T, method, path, token, body string) (int, string) {
	t.Helper()
	status, b := e.raw(t, method, path, token, body)
	return status, string(b)
}

// register adds an agent through POST /agents and returns its id.
func (e *agEnv) register(t *testing.T, name string) string {
	t.Helper()
	status, body := e.call(t, http.MethodPost, "/agents", e.admin, `{"name":"`+name+`"}`)
	var r struct {
		Data struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if status != 200 || json.Unmarshal([]byte(body), &r) != nil || r.Data.ID == "" {
		t.Fatalf("register %s: %d %s", name, status, body)
	}
	return r.Data.ID
}

// group creates a group through POST /groups.
func (e *agEnv) group(t *testing.T, name string) {
	t.Helper()
	if s, b := e.call(t, http.MethodPost, "/groups", e.admin, `{"group_id":"`+name+`"}`); s != 200 {
		t.Fatalf("create group %s: %d %s", name, s, b)
	}
}

// wdb sends one command to the embedded wazuh-db through its socket under
// the root (4-byte little-endian length frames) and returns the reply.
func (e *agEnv) wdb(t *testing.T, command string) string {
	t.Helper()
	return wdbCommand(t, e.root, command)
}

// sql runs a global.db statement through wazuh-db and expects "ok".
func (e *agEnv) sql(t *testing.T, stmt string) {
	t.Helper()
	if reply := e.wdb(t, "global sql "+stmt); !strings.HasPrefix(reply, "ok") {
		t.Fatalf("global sql %s: %s", stmt, reply)
	}
}

// connect marks agents as connected with version, as remoted does on a
// keepalive (data-layer.md §4.4), with an Ubuntu OS.
func (e *agEnv) connect(t *testing.T, version string, ids ...string) {
	t.Helper()
	e.sql(t, "UPDATE agent SET connection_status = 'active', version = '"+version+"', "+
		"last_keepalive = strftime('%s','now'), os_name = 'Ubuntu', os_platform = 'ubuntu', os_version = '22.04', "+
		"os_major = '22', os_minor = '04' WHERE id IN ("+strings.Join(ids, ",")+")")
}

// agPolicy is one policy of a test user.
type agPolicy struct {
	actions, resources []string
	effect             string
}

func agAllow(action string, resources ...string) agPolicy {
	return agPolicy{actions: []string{action}, resources: resources, effect: "allow"}
}

func agDeny(action string, resources ...string) agPolicy {
	return agPolicy{actions: []string{action}, resources: resources, effect: "deny"}
}

// users creates, through /security, one user per entry with a role of the
// given policies, and returns their tokens.
func (e *agEnv) users(t *testing.T, specs map[string][]agPolicy) map[string]string {
	t.Helper()
	id := func(path, body string) string {
		s, b := e.raw(t, http.MethodPost, path, e.admin, body)
		var r struct {
			Data struct {
				Items []struct {
					ID int `json:"id"`
				} `json:"affected_items"`
			} `json:"data"`
		}
		if s != 200 || json.Unmarshal(b, &r) != nil || len(r.Data.Items) != 1 {
			t.Fatalf("POST %s %s: %d %s", path, body, s, b)
		}
		return itoa(r.Data.Items[0].ID)
	}
	known := e.policies(t)
	for name, policies := range specs {
		userID := id("/security/users", `{"username":"`+name+`","password":"`+agPassword+`"}`)
		roleID := id("/security/roles", `{"name":"`+name+`"}`)
		var pids []string
		for i, p := range policies {
			a, _ := json.Marshal(p.actions)
			r, _ := json.Marshal(p.resources)
			body := fmt.Sprintf(`{"actions":%s,"resources":%s,"effect":"%s"}`, a, r, p.effect)
			if known[body] == "" { // Wazuh refuses two policies with the same body (4009)
				known[body] = id("/security/policies", fmt.Sprintf(`{"name":"ag-%s-%d","policy":%s}`, name, i, body))
			}
			pids = append(pids, known[body])
		}
		links := []string{"/security/users/" + userID + "/roles?role_ids=" + roleID}
		if len(pids) > 0 {
			links = append(links, "/security/roles/"+roleID+"/policies?policy_ids="+strings.Join(pids, ","))
		}
		for _, p := range links {
			if s, b := e.call(t, http.MethodPost, p, e.admin, ""); s != 200 || !strings.Contains(b, `"error": 0`) {
				t.Fatalf("POST %s: %d %s", p, s, b)
			}
		}
	}
	time.Sleep(1100 * time.Millisecond) // relation changes invalidate tokens issued in the same second
	tokens := map[string]string{}
	for name := range specs {
		tokens[name] = e.loginAs(t, name, agPassword)
	}
	return tokens
}

// policies maps the body of every existing policy (as users writes it)
// to its id, the defaults of rbac.db included.
func (e *agEnv) policies(t *testing.T) map[string]string {
	t.Helper()
	s, b := e.raw(t, http.MethodGet, "/security/policies?limit=10000", e.admin, "")
	var r struct {
		Data struct {
			Items []struct {
				ID     int `json:"id"`
				Policy struct {
					Actions   []string `json:"actions"`
					Resources []string `json:"resources"`
					Effect    string   `json:"effect"`
				} `json:"policy"`
			} `json:"affected_items"`
		} `json:"data"`
	}
	if s != 200 || json.Unmarshal(b, &r) != nil {
		t.Fatalf("GET /security/policies: %d %s", s, b)
	}
	out := map[string]string{}
	for _, it := range r.Data.Items {
		a, _ := json.Marshal(it.Policy.Actions)
		res, _ := json.Marshal(it.Policy.Resources)
		out[fmt.Sprintf(`{"actions":%s,"resources":%s,"effect":"%s"}`, a, res, it.Policy.Effect)] = itoa(it.ID)
	}
	return out
}

// arMessages waits until want new messages reached the embedded ar queue
// (logs/active-responses.log) and returns them; want 0 waits briefly and
// returns whatever arrived.
func (e *agEnv) arMessages(t *testing.T, want int) []string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	if want == 0 {
		deadline = time.Now().Add(150 * time.Millisecond)
	}
	var msgs []string
	for {
		b, _ := os.ReadFile(filepath.Join(e.root, "logs", "active-responses.log"))
		msgs = msgs[:0]
		for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			if _, m, ok := strings.Cut(line, " ar: "); ok && i >= e.arSeen {
				msgs = append(msgs, m)
			}
		}
		if (want > 0 && len(msgs) >= want) || time.Now().After(deadline) {
			e.arSeen += len(msgs)
			return msgs
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// agRestartMsg is the ar message restarting agent id (data-layer.md §4.6).
func agRestartMsg(id string) string {
	return `(msg_to_agent) [] NNS ` + id + ` {"version": 1, "origin": {"module": "framework"}, "command": "restart-wazuh0", "parameters": {"extra_args": [], "alert": {}}} - null (from_the_server) (no_rule_id)`
}
