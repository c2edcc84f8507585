package main

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Helpers of the e2e_dashboard tests, which replay the Wazuh dashboard
// 4.14's Server API calls (shared/reference/dashboard-calls.md) as its
// backend sends them with axios over HTTP/1.1: a Content-Type on every
// request (application/json unless the call's origin says otherwise), a
// JSON body on GET and DELETE too, `sort=`/`q=` sent empty, `+` for
// spaces and `%2B` for the sort prefix.

// dbEnv is one running host with the agent module and its data root.
type dbEnv struct {
	*e2eHost
	root  string
	admin string // token of the API administrator "wazuh"
}

// dbStart builds the binaries (once) and starts a host with the agent
// module on a fresh root.
func dbStart(t *testing.T) *dbEnv {
	t.Helper()
	bin := binaries(t)
	root := filepath.Join(t.TempDir(), "wazuh")
	h := startHost(t, bin, root, true)
	return &dbEnv{e2eHost: h, root: root, admin: h.login(t)}
}

// dbAxios sends one request the way the dashboard backend does. ctype ""
// is application/json; user/password, when user is set, replace the
// bearer token with Basic credentials. It returns the status, headers and
// body.
func (e *dbEnv) dbAxios(t *testing.T, method, path, token, ctype, body, user, password string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.url+path, rd)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	if ctype == "" {
		ctype = "application/json"
	}
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Accept", "application/json, text/plain, */*")
	req.Header.Set("User-Agent", "axios/1.7.7")
	if user != "" {
		req.SetBasicAuth(user, password)
	} else {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := e.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	if resp.ProtoMajor != 1 {
		t.Fatalf("%s %s: served over %s, the dashboard speaks HTTP/1.1", method, path, resp.Proto)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return resp.StatusCode, resp.Header, b
}

// dbCall sends a JSON request with token and decodes the JSON answer,
// failing unless the status is want.
func (e *dbEnv) dbCall(t *testing.T, want int, method, path, token, body string) map[string]any {
	t.Helper()
	status, _, b := e.dbAxios(t, method, path, token, "", body, "", "")
	return dbDecode(t, method+" "+path, want, status, b)
}

// dbDecode decodes a JSON object, failing unless the status is want.
func dbDecode(t *testing.T, label string, want, status int, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %d, not a JSON object (%v): %s", label, status, err, b)
	}
	if status != want {
		t.Fatalf("%s: status %d, want %d: %s", label, status, want, b)
	}
	return m
}

// dbAt walks a decoded JSON value by object keys (string) and list
// indexes (int); it returns nil when the path does not exist.
func dbAt(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// dbItems is data.affected_items as objects.
func dbItems(t *testing.T, m map[string]any) []map[string]any {
	t.Helper()
	raw, ok := dbAt(m, "data", "affected_items").([]any)
	if !ok {
		t.Fatalf("no data.affected_items list: %v", m)
	}
	out := make([]map[string]any, 0, len(raw))
	for _, it := range raw {
		obj, ok := it.(map[string]any)
		if !ok {
			t.Fatalf("affected item is not an object: %v", it)
		}
		out = append(out, obj)
	}
	return out
}

// dbField lists one string field of every affected item, joined by ",".
func dbField(t *testing.T, m map[string]any, field string) string {
	t.Helper()
	var out []string
	for _, it := range dbItems(t, m) {
		s, _ := it[field].(string)
		out = append(out, s)
	}
	return strings.Join(out, ",")
}

// dbTotal is data.total_affected_items.
func dbTotal(m map[string]any) any { return dbAt(m, "data", "total_affected_items") }

// dbToken is data.token of a login answer.
func dbToken(t *testing.T, m map[string]any) string {
	t.Helper()
	tok, _ := dbAt(m, "data", "token").(string)
	if tok == "" || m["error"] != float64(0) {
		t.Fatalf("login answer without a token: %v", m)
	}
	return tok
}

// dbClaims decodes a JWT's claims as jwt-decode does in the dashboard.
func dbClaims(t *testing.T, token string) map[string]any {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", token)
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatalf("JWT payload: %v", err)
	}
	var claims map[string]any
	if err := json.Unmarshal(raw, &claims); err != nil {
		t.Fatalf("JWT claims: %v", err)
	}
	return claims
}

// dbWUIPassword is the generated password of wazuh-wui, the dashboard's
// internal user, from api/configuration/initial-credentials.
func dbWUIPassword(t *testing.T, root string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "api", "configuration", "initial-credentials"))
	if err != nil {
		t.Fatalf("initial credentials: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if pw, ok := strings.CutPrefix(line, "wazuh-wui:"); ok {
			return pw
		}
	}
	t.Fatalf("no wazuh-wui password in %q", b)
	return ""
}

// dbRegister adds an agent through POST /agents and returns its id.
func (e *dbEnv) dbRegister(t *testing.T, name string) string {
	t.Helper()
	m := e.dbCall(t, 200, http.MethodPost, "/agents", e.admin, `{"name":"`+name+`","ip":"any"}`)
	id, _ := dbAt(m, "data", "id").(string)
	if id == "" {
		t.Fatalf("register %s: %v", name, m)
	}
	return id
}

// dbSQL runs a global.db or tasks.db statement through the embedded
// wazuh-db ("global sql …", "task sql …") and expects "ok".
func (e *dbEnv) dbSQL(t *testing.T, command string) {
	t.Helper()
	if reply := wdbCommand(t, e.root, command); !strings.HasPrefix(reply, "ok") {
		t.Fatalf("%s: %s", command, reply)
	}
}

// dbBadRequest checks a Wazuh-style 4xx problem: the status, title and
// detail the dashboard shows.
func (e *dbEnv) dbBadRequest(t *testing.T, method, path, body string) {
	t.Helper()
	status, _, b := e.dbAxios(t, method, path, e.admin, "", body, "", "")
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil || status < 400 || status > 499 || m["title"] == nil || m["detail"] == nil {
		t.Errorf("%s %s: want a 4xx problem with title and detail, got %d %s", method, path, status, b)
	}
}
