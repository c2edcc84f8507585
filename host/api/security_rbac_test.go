package api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// Tests named TestSec9RBAC* cover security.md §9 "RBAC evaluation" through
// the host: a stand-in agent module serves GET /agents the way modules must
// (filtering with the scope the host computed, reporting denied explicit ids
// with sdk.AffectedItemsResult.AddDenied), so what is under test is the
// host's decision and the scope it hands over.

// fakeAgents serves GET /agents over agents 001-003.
type fakeAgents struct{}

func (fakeAgents) Handle(_ context.Context, req *sdk.Request) (*sdk.Response, error) {
	scope, _ := req.Scopes.For("agent:read", "agent:id")
	out := sdk.NewAffectedItems("All selected agents information was returned", "Some agents information was not returned", "No agent information was returned")
	if ids, ok := query.ArrayValues(req.Query, "agents_list"); ok {
		allowed, denied := scope.Partition(ids)
		for _, id := range allowed {
			out.AddAffected(map[string]string{"id": id})
		}
		for _, id := range denied {
			out.AddDenied("agent:id", id)
		}
	} else {
		for _, id := range []string{"001", "002", "003"} {
			if scope.Permits(id) {
				out.AddAffected(map[string]string{"id": id})
			}
		}
	}
	return sdk.OK(req, out)
}

func (fakeAgents) HandleStream(context.Context, *sdk.Request, func(int, http.Header), io.Writer) error {
	return errors.New("not streaming")
}

// groups is a mutable agent-group membership for agent:group policies.
type groups struct {
	mu sync.Mutex
	m  map[string][]string
}

func (g *groups) resolve(_ context.Context, group string) ([]string, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.m[group]), nil
}

func newAgentsEnv(t *testing.T) (*secEnv, *groups) {
	e := newSecEnv(t, nil)
	g := &groups{m: map[string][]string{"web": {"001", "002"}}}
	e.bridge.resolve = g.resolve
	e.Mount([]ModuleRoutes{{Target: fakeAgents{}, Routes: []sdk.Route{{
		ID: "agent.get_agents", Method: http.MethodGet, Path: "/agents", QueryParams: []string{"agents_list"},
		Permissions: []sdk.Permission{{Action: "agent:read", Resource: "agent:id:{agents_list}"}},
	}}}})
	return e, g
}

func agentsBody(ids string, total int, msg string) string {
	return `{"data": {"affected_items": [` + ids + `], "total_affected_items": ` + itoa(total) +
		`, "total_failed_items": 0, "failed_items": []}, "message": "` + msg + `", "error": 0}`
}

const denied403 = `{"title": "Permission Denied", "detail": "Permission denied: Resource type: %s", "remediation": "Please, make sure you have permissions to execute the current request. For more information on how to set up permissions, please visit https://documentation.wazuh.com/4.14/user-manual/api/rbac/configuration.html", "dapi_errors": {"unknown-node": {"error": "Permission denied: Resource type: %s"}}, "error": 4000}`

func deniedBody(resourceType string) string {
	return sprintf(denied403, resourceType, resourceType)
}

// §9: in white mode a user with no roles gets 403 (4000, "Resource type:
// *:*") on resourceless actions and a 200 empty list on GET /agents.
func TestSec9RBACWhiteModeNoRoles(t *testing.T) {
	e, _ := newAgentsEnv(t)
	_, tok := e.user("noroles")
	expect(t, e.call(http.MethodGet, "/security/config", tok, ""), 403, deniedBody("*:*"))
	expect(t, e.call(http.MethodGet, "/agents", tok, ""), 200, agentsBody("", 0, "No agent information was returned"))
	expect(t, e.call(http.MethodGet, "/security/users", tok, ""), 200,
		`{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 0, "failed_items": []}, "message": "No user was returned", "error": 0}`)
}

// §9: agents_list=001,002 with an allow only for agent:id:001 gives 200,
// error 2, 001 affected and 002 failed with 4000; explicit ids that are all
// denied give 403 "Permission denied: Resource type: agent:id".
func TestSec9RBACExplicitIDs(t *testing.T) {
	e, _ := newAgentsEnv(t)
	role := e.role("one_agent", `{"actions":["agent:read"],"resources":["agent:id:001"],"effect":"allow"}`)
	_, tok := e.user("oneagent", role)
	expect(t, e.call(http.MethodGet, "/agents?agents_list=001,002", tok, ""), 200,
		`{"data": {"affected_items": [{"id": "001"}], "total_affected_items": 1, "total_failed_items": 1, "failed_items": [{"error": {"code": 4000, "message": "Permission denied: Resource type: agent:id", "remediation": "Please, make sure you have permissions to execute the current request. For more information on how to set up permissions, please visit https://documentation.wazuh.com/4.14/user-manual/api/rbac/configuration.html"}, "id": ["002"]}]}, "message": "Some agents information was not returned", "error": 2}`)
	expect(t, e.call(http.MethodGet, "/agents?agents_list=002,003", tok, ""), 403, deniedBody("agent:id"))
	expect(t, e.call(http.MethodGet, "/agents", tok, ""), 200, agentsBody(`{"id": "001"}`, 1, "All selected agents information was returned"))
}

// §9: allow agent:id:* then deny agent:id:001 excludes 001; deny 001 then
// allow * includes it (the later wildcard wins).
func TestSec9RBACPolicyOrder(t *testing.T) {
	e, _ := newAgentsEnv(t)
	allowThenDeny := e.role("allow_then_deny", `{"actions":["agent:read"],"resources":["agent:id:*"],"effect":"allow"}`,
		`{"actions":["agent:read"],"resources":["agent:id:001"],"effect":"deny"}`)
	_, tok := e.user("order1", allowThenDeny)
	expect(t, e.call(http.MethodGet, "/agents", tok, ""), 200, agentsBody(`{"id": "002"}, {"id": "003"}`, 2, "All selected agents information was returned"))
	res, err := e.store.GetRoles(t.Context(), []int{allowThenDeny})
	if err != nil {
		t.Fatal(err)
	}
	denyThenAllow := e.role("deny_then_allow")
	pols := res.Items[0].Policies
	if _, err := e.store.AddRolePolicies(t.Context(), denyThenAllow, []int{pols[1], pols[0]}, nil); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(time.Second)
	_, tok2 := e.user("order2", denyThenAllow)
	expect(t, e.call(http.MethodGet, "/agents", tok2, ""), 200, agentsBody(`{"id": "001"}, {"id": "002"}, {"id": "003"}`, 3, "All selected agents information was returned"))
}

// §9: agent:group:web grants exactly the agents currently in group web;
// moving an agent out of the group revokes access without a new token.
func TestSec9RBACAgentGroupIsLive(t *testing.T) {
	e, g := newAgentsEnv(t)
	_, tok := e.user("webops", e.role("web", `{"actions":["agent:read"],"resources":["agent:group:web"],"effect":"allow"}`))
	expect(t, e.call(http.MethodGet, "/agents", tok, ""), 200, agentsBody(`{"id": "001"}, {"id": "002"}`, 2, "All selected agents information was returned"))
	g.mu.Lock()
	g.m["web"] = []string{"002"}
	g.mu.Unlock()
	expect(t, e.call(http.MethodGet, "/agents", tok, ""), 200, agentsBody(`{"id": "002"}`, 1, "All selected agents information was returned"))
}

// §9: in black mode a user with no roles is allowed everything; an explicit
// deny still blocks.
func TestSec9RBACBlackMode(t *testing.T) {
	e, _ := newAgentsEnv(t)
	expectStatus(t, e.call(http.MethodPut, "/security/config", e.admin(), `{"rbac_mode": "black"}`), 200)
	_, tok := e.user("blackuser")
	expectStatus(t, e.call(http.MethodGet, "/security/config", tok, ""), 200, `"rbac_mode": "black"`)
	expect(t, e.call(http.MethodGet, "/agents", tok, ""), 200, agentsBody(`{"id": "001"}, {"id": "002"}, {"id": "003"}`, 3, "All selected agents information was returned"))
	_, denied := e.user("blackdeny", e.role("deny002", `{"actions":["agent:read"],"resources":["agent:id:002"],"effect":"deny"}`))
	expect(t, e.call(http.MethodGet, "/agents", denied, ""), 200, agentsBody(`{"id": "001"}, {"id": "003"}`, 2, "All selected agents information was returned"))
	expect(t, e.call(http.MethodGet, "/agents?agents_list=002", denied, ""), 403, strings.ReplaceAll(deniedBody("agent:id"), "unknown-node", "node01"))
}

// §9: relationship endpoints need the action on both resource types.
func TestSec9RBACRelationshipNeedsBothSides(t *testing.T) {
	e := newSecEnv(t, nil)
	target, _ := e.user("target")
	usersOnly := e.role("users_only", `{"actions":["security:update"],"resources":["user:id:*"],"effect":"allow"}`)
	_, tok := e.user("linker", usersOnly)
	expect(t, e.call(http.MethodPost, "/security/users/"+itoa(target)+"/roles?role_ids=2", tok, ""), 403, deniedBody("role:id"))
	rolesOnly := e.role("roles_only", `{"actions":["security:update"],"resources":["role:id:*"],"effect":"allow"}`)
	_, tok2 := e.user("linker2", rolesOnly)
	expect(t, e.call(http.MethodPost, "/security/users/"+itoa(target)+"/roles?role_ids=2", tok2, ""), 403, deniedBody("user:id"))
	both := e.role("both", `{"actions":["security:update"],"resources":["user:id:*","role:id:2"],"effect":"allow"}`)
	_, tok3 := e.user("linker3", both)
	expect(t, e.call(http.MethodPost, "/security/users/"+itoa(target)+"/roles?role_ids=2,3", tok3, ""), 200,
		`{"data": {"affected_items": [{"id": `+itoa(target)+`, "username": "target", "allow_run_as": false, "roles": [2]}], "total_affected_items": 1, "total_failed_items": 1, "failed_items": [{"error": {"code": 4000, "message": "Permission denied: Resource type: role:id", "remediation": "Please, make sure you have permissions to execute the current request. For more information on how to set up permissions, please visit https://documentation.wazuh.com/4.14/user-manual/api/rbac/configuration.html"}, "id": [3]}]}, "message": "Some roles were not linked to user target", "error": 2}`)
}

// §9: GET /security/users/me/policies returns the processed map plus
// rbac_mode.
func TestSec9RBACMePolicies(t *testing.T) {
	e := newSecEnv(t, nil)
	role := e.role("mixed", `{"actions":["agent:read"],"resources":["agent:id:*"],"effect":"allow"}`,
		`{"actions":["agent:read","group:read"],"resources":["agent:id:001","group:id:default"],"effect":"deny"}`)
	_, tok := e.user("policies", role)
	expect(t, e.call(http.MethodGet, "/security/users/me/policies", tok, ""), 200,
		`{"data": {"agent:read": {"agent:id:*": "allow", "agent:id:001": "deny", "group:id:default": "deny"}, "group:read": {"agent:id:001": "deny", "group:id:default": "deny"}, "rbac_mode": "white"}, "message": "Current user processed policies information was returned", "error": 0}`)
	expect(t, e.call(http.MethodGet, "/security/users/me/policies?wait_for_complete=true", tok, ""), 400,
		`{"title": "Bad Request", "detail": "Extra query parameter(s) wait_for_complete not in spec"}`)
}
