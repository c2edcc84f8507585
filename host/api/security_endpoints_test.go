package api

import (
	"net/http"
	"testing"
)

// Endpoint-level tests of the /security operations beyond the §9
// checklist: [ARR] listing parameters, messages and CRUD envelopes.

func TestSecurityListParameters(t *testing.T) {
	e := newSecEnv(t, nil)
	tok := e.admin()
	e.user("zed100")
	cases := []struct {
		path string
		code int
		body string
	}{
		{"/security/users?sort=-id&limit=1", 200, `{"data": {"affected_items": [{"id": 100, "username": "zed100", "allow_run_as": false, "roles": []}], "total_affected_items": 3, "total_failed_items": 0, "failed_items": []}, "message": "All specified users were returned", "error": 0}`},
		{"/security/users?select=username&offset=1&limit=1", 200, `{"data": {"affected_items": [{"username": "wazuh-wui", "id": 2}], "total_affected_items": 3, "total_failed_items": 0, "failed_items": []}, "message": "All specified users were returned", "error": 0}`},
		{"/security/users?q=username~wui", 200, `{"data": {"affected_items": [{"id": 2, "username": "wazuh-wui", "allow_run_as": true, "roles": [1]}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "All specified users were returned", "error": 0}`},
		{"/security/users?search=zed", 200, `{"data": {"affected_items": [{"id": 100, "username": "zed100", "allow_run_as": false, "roles": []}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "All specified users were returned", "error": 0}`},
		{"/security/users?user_ids=2,999", 200, `{"data": {"affected_items": [{"id": 2, "username": "wazuh-wui", "allow_run_as": true, "roles": [1]}], "total_affected_items": 1, "total_failed_items": 1, "failed_items": [{"error": {"code": 5001, "message": "The user does not exist", "remediation": "The user can be created with the following endpoint: ` + "`POST /security/users`" + `"}, "id": [999]}]}, "message": "Some users were not returned", "error": 2}`},
		{"/security/users?user_ids=abc", 400, `{"title": "Bad Request", "detail": "'abc' is not a 'numbers'. Failed validating 'format' in schema['items']: {'type': 'string', 'format': 'numbers', 'description': 'User ID'}. On instance[0]: 'abc'"}`},
		{"/security/users?limit=0", 400, `{"title": "Bad Request", "detail": "0 is less than the minimum of 1. Failed validating 'minimum' in schema: {'type': 'integer', 'format': 'int32', 'default': 500, 'minimum': 1, 'maximum': 100000}. On instance: 0"}`},
		{"/security/users?query=x", 400, `{"title": "Bad Request", "detail": "Extra query parameter(s) query not in spec"}`},
		{"/security/roles?role_ids=7&select=name", 200, `{"data": {"affected_items": [{"name": "cluster_admin", "id": 7}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "All specified roles were returned", "error": 0}`},
		{"/security/rules?rule_ids=2", 200, `{"data": {"affected_items": [{"id": 2, "name": "wui_opensearch_admin", "rule": {"FIND": {"user_name": "admin"}}, "roles": [1]}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "All specified security rules were returned", "error": 0}`},
		{"/security/policies?policy_ids=11", 200, `{"data": {"affected_items": [{"id": 11, "name": "users_modify_run_as_flag", "policy": {"actions": ["security:edit_run_as"], "resources": ["*:*:*"], "effect": "allow"}, "roles": []}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "All specified policies were returned", "error": 0}`},
		{"/security/policies?q=policy.effect=deny", 200, `{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 0, "failed_items": []}, "message": "No policy was returned", "error": 0}`},
		{"/security/roles?role_ids=999", 200, `{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 1, "failed_items": [{"error": {"code": 4002, "message": "The specified role does not exist", "remediation": "Please, create the specified role with the endpoint POST /security/roles"}, "id": [999]}]}, "message": "No role was returned", "error": 1}`},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) { expect(t, e.call(http.MethodGet, c.path, tok, ""), c.code, c.body) })
	}
}

func TestSecurityRolesPoliciesRulesCRUD(t *testing.T) {
	e := newSecEnv(t, nil)
	tok := e.admin()
	steps := []struct {
		method, path, body string
		code               int
		want               string
	}{
		{http.MethodPost, "/security/roles", `{"name": "ops"}`, 200, `{"data": {"affected_items": [{"id": 100, "name": "ops", "policies": [], "users": [], "rules": []}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "Role was successfully created", "error": 0}`},
		{http.MethodPost, "/security/roles", `{"name": "ops"}`, 200, `{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 1, "failed_items": [{"error": {"code": 4005, "message": "The specified name or rule already exist"}, "id": ["ops"]}]}, "message": "Role could not be created", "error": 1}`},
		{http.MethodPut, "/security/roles/100", `{"name": "ops2"}`, 200, `{"data": {"affected_items": [{"id": 100, "name": "ops2", "policies": [], "users": [], "rules": []}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "Role was successfully updated", "error": 0}`},
		{http.MethodPost, "/security/policies", `{"name": "read_agents", "policy": {"actions": ["agent:read"], "resources": ["agent:id:*"], "effect": "allow"}}`, 200, `{"data": {"affected_items": [{"id": 100, "name": "read_agents", "policy": {"actions": ["agent:read"], "resources": ["agent:id:*"], "effect": "allow"}, "roles": []}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "Policy was successfully created", "error": 0}`},
		{http.MethodPost, "/security/policies", `{"name": "bad", "policy": {"actions": ["agent:read"], "resources": ["agent:id:*"]}}`, 400, `{"title": "Bad Request", "detail": "'effect' is a required property - 'policy'"}`},
		{http.MethodPost, "/security/policies", `{"name": "bad", "policy": {"actions": [1], "resources": [], "effect": "allow"}}`, 400, `{"title": "Bad Request", "detail": "1 is not of type 'string' - 'policy.actions.0'"}`},
		{http.MethodPost, "/security/policies", `{"name": "bad", "policy": {"actions": ["agent"], "resources": ["agent:id:*"], "effect": "allow"}}`, 200, `{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 1, "failed_items": [{"error": {"code": 4006, "message": "The specified policy is invalid", "remediation": "The actions and resources must be split by \":\". Example: agent:id:001"}, "id": ["bad"]}]}, "message": "Policy could not be created", "error": 1}`},
		{http.MethodPost, "/security/roles/100/policies?policy_ids=100,5&position=0", "", 200, `{"data": {"affected_items": [{"id": 100, "name": "ops2", "policies": [100, 5], "users": [], "rules": []}], "total_affected_items": 2, "total_failed_items": 0, "failed_items": []}, "message": "All policies were linked to role 100", "error": 0}`},
		{http.MethodPost, "/security/roles/100/policies?policy_ids=4&position=-1", "", 400, `{"title": "Bad Request", "detail": "-1 is less than the minimum of 0. Failed validating 'minimum' in schema: {'type': 'integer', 'minimum': 0}. On instance: -1"}`},
		{http.MethodDelete, "/security/roles/100/policies?policy_ids=all", "", 200, `{"data": {"affected_items": [{"id": 100, "name": "ops2", "policies": [], "users": [], "rules": []}], "total_affected_items": 2, "total_failed_items": 0, "failed_items": []}, "message": "All policies were unlinked from role 100", "error": 0}`},
		{http.MethodPost, "/security/rules", `{"name": "sso", "rule": {"MATCH": {"group": "ops"}}}`, 200, `{"data": {"affected_items": [{"id": 100, "name": "sso", "rule": {"MATCH": {"group": "ops"}}, "roles": []}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "Security rule was successfully created", "error": 0}`},
		{http.MethodPost, "/security/rules", `{"name": "sso2", "rule": "x"}`, 400, `{"title": "Bad Request", "detail": "'x' is not of type 'object' - 'rule'"}`},
		{http.MethodPut, "/security/rules/100", `{}`, 400, `{"title": "Bad Request", "detail": "The body of the request is empty, you must specify what you want to modify", "dapi_errors": {"node01": {"error": "The body of the request is empty, you must specify what you want to modify"}}, "error": 4001}`},
		{http.MethodDelete, "/security/rules?rule_ids=100", "", 200, `{"data": {"affected_items": [{"id": 100, "name": "sso", "rule": {"MATCH": {"group": "ops"}}, "roles": []}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "All specified security rules were deleted", "error": 0}`},
		{http.MethodDelete, "/security/policies?policy_ids=all", "", 200, `{"data": {"affected_items": [{"id": 100, "name": "read_agents", "policy": {"actions": ["agent:read"], "resources": ["agent:id:*"], "effect": "allow"}, "roles": []}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "All specified policies were deleted", "error": 0}`},
		{http.MethodDelete, "/security/roles?role_ids=100,999", "", 200, `{"data": {"affected_items": [{"id": 100, "name": "ops2", "policies": [], "users": [], "rules": []}], "total_affected_items": 1, "total_failed_items": 1, "failed_items": [{"error": {"code": 4002, "message": "The specified role does not exist", "remediation": "Please, create the specified role with the endpoint POST /security/roles"}, "id": [999]}]}, "message": "Some roles were not deleted", "error": 2}`},
		{http.MethodPut, "/security/users/2/run_as?allow_run_as=false", "", 200, `{"data": {"affected_items": [{"id": 2, "username": "wazuh-wui", "allow_run_as": false, "roles": [1]}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "Parameter allow_run_as has been disabled for the user", "error": 0}`},
		{http.MethodPut, "/security/users/2/run_as?allow_run_as=yes", "", 400, `{"title": "Bad Request", "detail": "'yes' is not of type 'boolean'. Failed validating 'type' in schema: {'type': 'boolean', 'default': False}. On instance: 'yes'"}`},
		{http.MethodPut, "/security/users/me", `{"password": "Wazuh12!"}`, 400, `{"title": "Bad Request", "detail": "'me' is not a 'numbers'. Failed validating 'format' in schema: {'type': 'string', 'format': 'numbers', 'description': 'User ID'}. On instance: 'me'"}`},
		{http.MethodPost, "/security/roles", "", 406, `{"title": "Not Acceptable", "detail": "The body type is not the one specified in the content-type", "error": 6002}`},
	}
	for _, s := range steps {
		expect(t, e.call(s.method, s.path, tok, s.body), s.code, s.want)
	}
}

func TestSecurityUsersMe(t *testing.T) {
	e := newSecEnv(t, nil)
	role := e.role("me_role", `{"actions":["agent:read"],"resources":["agent:id:001"],"effect":"allow"}`)
	_, tok := e.user("meuser", role)
	expect(t, e.call(http.MethodGet, "/security/users/me", tok, ""), 200,
		`{"data": {"affected_items": [{"id": 100, "username": "meuser", "allow_run_as": false, "roles": [{"id": 100, "name": "me_role", "policies": [{"id": 100, "name": "me_role_pa", "policy": {"actions": ["agent:read"], "resources": ["agent:id:001"], "effect": "allow"}}], "rules": []}]}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "Current user information was returned", "error": 0}`)
}
