package api

import (
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/wazuh-go/server/sdk"
)

const specPath = "/work/shared/reference/wazuh-4.14/openapi/spec.yaml"

// TestCatalogMatchesWazuhSpec checks the catalogue data against Wazuh's
// spec.yaml when the reference is available.
func TestCatalogMatchesWazuhSpec(t *testing.T) {
	data, err := os.ReadFile(specPath)
	if err != nil {
		t.Skip("Wazuh reference spec not available")
	}
	var spec struct {
		Catalog struct {
			Resources yaml.Node `yaml:"resources"`
			Actions   yaml.Node `yaml:"actions"`
		} `yaml:"x-rbac-catalog"`
		Paths yaml.Node `yaml:"paths"`
	}
	if err := yaml.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	res := spec.Catalog.Resources.Content
	if len(res)/2 != len(wazuhResources) {
		t.Fatalf("%d resources, want %d", len(wazuhResources), len(res)/2)
	}
	for i := 0; i < len(res); i += 2 {
		var r struct{ Description string }
		_ = res[i+1].Decode(&r)
		if got := wazuhResources[i/2]; got.Name != res[i].Value || got.Description != r.Description {
			t.Errorf("resource %d: %+v, want %s %q", i/2, got, res[i].Value, r.Description)
		}
	}
	acts := spec.Catalog.Actions.Content
	if len(acts)/2 != len(wazuhActions) {
		t.Fatalf("%d actions, want %d", len(wazuhActions), len(acts)/2)
	}
	for i := 0; i < len(acts); i += 2 {
		var a struct {
			Description string
			Resources   []map[string]string
			Example     catalogExample
		}
		_ = acts[i+1].Decode(&a)
		got := wazuhActions[i/2]
		var types []string
		for _, r := range a.Resources {
			types = append(types, r["$ref"][strings.LastIndexByte(r["$ref"], '/')+1:])
		}
		if got.Name != acts[i].Value || got.Description != a.Description || !slices.Equal(got.Resources, types) ||
			!slices.Equal(got.Example.Actions, a.Example.Actions) || !slices.Equal(got.Example.Resources, a.Example.Resources) || got.Example.Effect != a.Example.Effect {
			t.Errorf("action %s differs from the spec", acts[i].Value)
		}
	}
	var endpoints []catalogEndpoint
	paths := spec.Paths.Content
	for i := 0; i < len(paths); i += 2 {
		ops := paths[i+1].Content
		for j := 0; j < len(ops); j += 2 {
			var op struct {
				Actions []map[string]string `yaml:"x-rbac-actions"`
			}
			_ = ops[j+1].Decode(&op)
			var names []string
			for _, a := range op.Actions {
				names = append(names, a["$ref"][strings.LastIndexByte(a["$ref"], '/')+1:])
			}
			endpoints = append(endpoints, catalogEndpoint{Name: strings.ToUpper(ops[j].Value) + " " + paths[i].Value, Actions: names})
		}
	}
	if !slices.EqualFunc(endpoints, wazuhEndpoints, func(a, b catalogEndpoint) bool { return a.Name == b.Name && slices.Equal(a.Actions, b.Actions) }) {
		t.Fatal("endpoint table differs from the spec's paths")
	}
}

func TestSecurityActionsAndResources(t *testing.T) {
	e := newSecEnv(t, nil)
	_, tok := e.user("anyone") // no roles: the routes need only a token
	rec := e.call(http.MethodGet, "/security/actions", tok, "")
	var all struct {
		Data map[string]actionInfo `json:"data"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &all); err != nil || rec.Code != 200 || len(all.Data) != 54 {
		t.Fatalf("actions: %d %d %v", rec.Code, len(all.Data), err)
	}
	if !strings.HasPrefix(rec.Body.String(), `{"data": {"active-response:command": {"description": "Execute active response commands in the agents", "resources": ["agent:id", "agent:group"], "example": {"actions": ["active-response:command"], "resources": ["agent:id:001", "agent:group:atlantic"], "effect": "allow"}, "related_endpoints": ["PUT /active-response"]}, "agent:delete": `) {
		t.Fatalf("actions order: %.300s", rec.Body)
	}
	expect(t, e.call(http.MethodGet, "/security/actions?endpoint=PUT%20/security/user/revoke", tok, ""), 200,
		`{"data": {"security:revoke": {"description": "Revoke all active JWT tokens", "resources": ["*:*"], "example": {"actions": ["security:revoke"], "resources": ["*:*:*"], "effect": "deny"}, "related_endpoints": ["PUT /security/user/revoke"]}}, "error": 0}`)
	bad := e.call(http.MethodGet, "/security/actions?endpoint=GET%20/nope", tok, "")
	expectStatus(t, bad, 400, `"detail": "Invalid endpoint specified"`, `"remediation": "Valid endpoints are: ['GET /', 'PUT /active-response', `, `"error": 4020`)
	expect(t, e.call(http.MethodGet, "/security/resources?resource=AGENT:ID", tok, ""), 200,
		`{"data": {"agent:id": {"description": "Reference agents via agent ID (i.e. agent:id:001)"}}, "error": 0}`)
	expect(t, e.call(http.MethodGet, "/security/resources?resource=rule:id", tok, ""), 400,
		`{"title": "Bad Request", "detail": "'rule:id' is not one of ['*:*', 'agent:group', 'agent:id', 'group:id', 'node:id', 'decoder:file', 'list:file', 'rule:file', 'policy:id', 'role:id', 'user:id']. Failed validating 'enum' in schema: {'type': 'string', 'enum': ['*:*', 'agent:group', 'agent:id', 'group:id', 'node:id', 'decoder:file', 'list:file', 'rule:file', 'policy:id', 'role:id', 'user:id']}. On instance: 'rule:id'"}`)
	rec = e.call(http.MethodGet, "/security/resources", tok, "")
	if rec.Code != 200 || strings.Count(rec.Body.String(), `"description"`) != 12 {
		t.Fatalf("resources: %d %s", rec.Code, rec.Body)
	}
}

// TestSecurityCatalogIncludesModules checks that enabled modules' actions,
// resource types and routes are merged after Wazuh's catalogue.
func TestSecurityCatalogIncludesModules(t *testing.T) {
	e := newSecEnv(t, nil)
	tok := e.admin()
	e.Mount([]ModuleRoutes{{Target: fakeAgents{},
		Routes: []sdk.Route{
			{ID: "inv.get_things", Method: http.MethodGet, Path: "/inventory/things", Permissions: []sdk.Permission{{Action: "inventory:read", Resource: "thing:id:{thing_ids}"}}},
			{ID: "inv.get_agents", Method: http.MethodGet, Path: "/inventory/agents", Permissions: []sdk.Permission{{Action: "agent:read", Resource: "agent:id:*"}}},
			{ID: "agent.get_agents", Method: http.MethodGet, Path: "/agents", Permissions: []sdk.Permission{{Action: "agent:read", Resource: "agent:id:{agents_list}"}}},
		},
		Actions:       []sdk.Action{{Name: "inventory:read", Description: "Read things", Resources: []string{"thing:id"}}, {Name: "agent:read", Description: "ignored"}},
		ResourceTypes: []sdk.ResourceType{{Name: "thing:id", Description: "Reference things via id"}},
	}})
	expect(t, e.call(http.MethodGet, "/security/actions?endpoint=GET%20/inventory/things", tok, ""), 200,
		`{"data": {"inventory:read": {"description": "Read things", "resources": ["thing:id"], "example": {"actions": ["inventory:read"], "resources": ["thing:id:*"], "effect": "allow"}, "related_endpoints": ["GET /inventory/things"]}}, "error": 0}`)
	rec := e.call(http.MethodGet, "/security/actions?endpoint=GET%20/inventory/agents", tok, "")
	expectStatus(t, rec, 200, `"description": "Access agents information (id, name, group, last keep alive, etc)"`, `"GET /inventory/agents"]}}`)
	expect(t, e.call(http.MethodGet, "/security/resources?resource=thing:id", tok, ""), 200,
		`{"data": {"thing:id": {"description": "Reference things via id"}}, "error": 0}`)
}
