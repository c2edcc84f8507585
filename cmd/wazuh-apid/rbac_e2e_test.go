package main

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAgentRBACThroughTheHost creates a user allowed to read agent 001 only
// (through /security) and checks Wazuh's three list outcomes end to end:
// silent filtering, 4000 failed items for a partly denied list, and 403 for
// an entirely denied list or a denied action.
func TestAgentRBACThroughTheHost(t *testing.T) {
	bin := binaries(t)
	h := startHost(t, bin, filepath.Join(t.TempDir(), "wazuh"), true)
	admin := h.login(t)
	for _, name := range []string{"web01", "web02"} {
		if s, b := h.raw(t, http.MethodPost, "/agents", admin, `{"name":"`+name+`"}`); s != 200 {
			t.Fatalf("register %s: %d %s", name, s, b)
		}
	}
	id := func(path, body string) string {
		s, b := h.raw(t, http.MethodPost, path, admin, body)
		var r struct {
			Data struct {
				Items []struct {
					ID int `json:"id"`
				} `json:"affected_items"`
			} `json:"data"`
		}
		if s != 200 || json.Unmarshal(b, &r) != nil || len(r.Data.Items) != 1 {
			t.Fatalf("POST %s: %d %s", path, s, b)
		}
		return itoa(r.Data.Items[0].ID)
	}
	userID := id("/security/users", `{"username":"viewer","password":"Viewer.Pass1"}`)
	roleID := id("/security/roles", `{"name":"read-001"}`)
	policyID := id("/security/policies", `{"name":"read-001","policy":{"actions":["agent:read"],"resources":["agent:id:001"],"effect":"allow"}}`)
	for _, p := range []string{"/security/roles/" + roleID + "/policies?policy_ids=" + policyID, "/security/users/" + userID + "/roles?role_ids=" + roleID} {
		if s, b := h.raw(t, http.MethodPost, p, admin, ""); s != 200 || !strings.Contains(string(b), `"error": 0`) {
			t.Fatalf("POST %s: %d %s", p, s, b)
		}
	}
	time.Sleep(1100 * time.Millisecond) // relation changes invalidate tokens issued in the same second
	viewer := h.loginAs(t, "viewer", "Viewer.Pass1")

	s, b := h.raw(t, http.MethodGet, "/agents?select=name", viewer, "")
	if s != 200 || !strings.Contains(string(b), `"affected_items": [{"name": "web01", "id": "001"}], "total_affected_items": 1, "total_failed_items": 0`) {
		t.Fatalf("filtered list: %d %s", s, b)
	}
	s, b = h.raw(t, http.MethodGet, "/agents?agents_list=001,002&select=name", viewer, "")
	if s != 200 || !strings.Contains(string(b), `{"error": {"code": 4000, "message": "Permission denied: Resource type: agent:id"`) || !strings.Contains(string(b), `"id": ["002"]`) || !strings.Contains(string(b), `"error": 2}`) {
		t.Fatalf("partly denied list: %d %s", s, b)
	}
	s, b = h.raw(t, http.MethodGet, "/agents?agents_list=002", viewer, "")
	if s != 403 || !strings.Contains(string(b), `"error": 4000`) {
		t.Fatalf("entirely denied list: %d %s", s, b)
	}
	s, b = h.raw(t, http.MethodDelete, "/agents?agents_list=001&status=all&older_than=0s", viewer, "")
	if s != 403 || !strings.Contains(string(b), `"title": "Permission Denied"`) {
		t.Fatalf("denied action: %d %s", s, b)
	}
	s, b = h.raw(t, http.MethodGet, "/agents/summary/status", viewer, "")
	if s != 200 || !strings.Contains(string(b), `"total": 1}`) {
		t.Fatalf("summary must count only visible agents: %d %s", s, b)
	}
}
