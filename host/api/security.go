package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/wazuh-go/server/sdk"
)

// Query parameters shared by the /security operations (spec order).
var (
	paramsCommon = []string{"pretty", "wait_for_complete"}
	paramsList   = []string{"limit", "offset", "pretty", "search", "select", "sort", "wait_for_complete", "q", "distinct"}
)

// listOrder is the order connexion validates the list parameters of the
// security listings in (their spec order).
var listOrder = []string{"limit", "offset", "search", "select", "sort", "q", "distinct"}

func perm(action, resource string) []sdk.Permission {
	return []sdk.Permission{{Action: action, Resource: resource}}
}

func perms2(action, first, second string) []sdk.Permission {
	return []sdk.Permission{{Action: action, Resource: first}, {Action: action, Resource: second}}
}

func withIDs(ids string, params []string) []string {
	return append([]string{ids}, params...)
}

// securityRoutes is the host's /security surface (api-surface.md §1.7)
// besides the login endpoints. Each route declares its RBAC permissions
// like a module route and is authorized through the same Authorizer.
func (s *Server) securityRoutes() []secRoute {
	return []secRoute{
		{method: http.MethodDelete, path: "/security/user/authenticate", serve: s.logout},
		{method: http.MethodPut, path: "/security/user/revoke", perms: perm("security:revoke", "*:*:*"), serve: s.revokeTokens},
		{method: http.MethodGet, path: "/security/users/me", params: paramsCommon, serve: s.getUserMe},
		{method: http.MethodGet, path: "/security/users/me/policies", params: []string{"pretty"}, serve: s.getUserMePolicies},
		{method: http.MethodGet, path: "/security/actions", params: []string{"endpoint", "pretty"}, serve: s.getActions},
		{method: http.MethodGet, path: "/security/resources", params: []string{"resource", "pretty"}, parse: s.parseResource, serve: s.getResources},

		{method: http.MethodGet, path: "/security/users", params: withIDs("user_ids", paramsList), ids: &idsUser,
			perms: perm("security:read", "user:id:{user_ids}"), parse: parseList, serve: s.getUsers},
		{method: http.MethodPost, path: "/security/users", params: paramsCommon,
			perms: perm("security:create_user", "*:*:*"), body: schemaCreateUser, serve: s.createUser},
		{method: http.MethodDelete, path: "/security/users", params: withIDs("user_ids", paramsCommon), ids: &idsUserDelete,
			perms: perm("security:delete", "user:id:{user_ids}"), serve: s.deleteUsers},
		{method: http.MethodPut, path: "/security/users/{user_id}", params: paramsCommon, pathID: &pathUser,
			perms: perm("security:update", "user:id:{user_id}"), body: schemaUpdateUser, serve: s.updateUser},
		{method: http.MethodPut, path: "/security/users/{user_id}/run_as", params: []string{"allow_run_as", "pretty", "wait_for_complete"},
			pathID: &pathUser, perms: perm("security:edit_run_as", "*:*:*"), parse: parseAllowRunAs, serve: s.editRunAs},

		{method: http.MethodGet, path: "/security/roles", params: withIDs("role_ids", paramsList), ids: &idsRole,
			perms: perm("security:read", "role:id:{role_ids}"), parse: parseList, serve: s.getRoles},
		{method: http.MethodPost, path: "/security/roles", params: paramsCommon,
			perms: perm("security:create", "*:*:*"), body: schemaRole(true), serve: s.createRole},
		{method: http.MethodDelete, path: "/security/roles", params: withIDs("role_ids", paramsCommon), ids: &idsRoleDelete,
			perms: perm("security:delete", "role:id:{role_ids}"), serve: s.deleteRoles},
		{method: http.MethodPut, path: "/security/roles/{role_id}", params: paramsCommon, pathID: &pathRole,
			perms: perm("security:update", "role:id:{role_id}"), body: schemaRole(false), serve: s.updateRole},

		{method: http.MethodGet, path: "/security/rules", params: withIDs("rule_ids", paramsList), ids: &idsRule,
			perms: perm("security:read", "rule:id:{rule_ids}"), parse: parseList, serve: s.getRules},
		{method: http.MethodPost, path: "/security/rules", params: paramsCommon,
			perms: perm("security:create", "*:*:*"), body: schemaRule(true), serve: s.createRule},
		{method: http.MethodDelete, path: "/security/rules", params: withIDs("rule_ids", paramsCommon), ids: &idsRuleDelete,
			perms: perm("security:delete", "rule:id:{rule_ids}"), serve: s.deleteRules},
		{method: http.MethodPut, path: "/security/rules/{rule_id}", params: paramsCommon, pathID: &pathRule,
			perms: perm("security:update", "rule:id:{rule_id}"), body: schemaRule(false), serve: s.updateRule},

		{method: http.MethodGet, path: "/security/policies", params: withIDs("policy_ids", paramsList), ids: &idsPolicy,
			perms: perm("security:read", "policy:id:{policy_ids}"), parse: parseList, serve: s.getPolicies},
		{method: http.MethodPost, path: "/security/policies", params: paramsCommon,
			perms: perm("security:create", "*:*:*"), body: schemaPolicy(true), serve: s.createPolicy},
		{method: http.MethodDelete, path: "/security/policies", params: withIDs("policy_ids", paramsCommon), ids: &idsPolicyDelete,
			perms: perm("security:delete", "policy:id:{policy_ids}"), serve: s.deletePolicies},
		{method: http.MethodPut, path: "/security/policies/{policy_id}", params: paramsCommon, pathID: &pathPolicy,
			perms: perm("security:update", "policy:id:{policy_id}"), body: schemaPolicy(false), serve: s.updatePolicy},

		{method: http.MethodPost, path: "/security/users/{user_id}/roles", params: []string{"role_ids", "position", "pretty", "wait_for_complete"},
			pathID: &pathUser, ids: &idsRoleLink, parse: parsePosition,
			perms: perms2("security:update", "user:id:{user_id}", "role:id:{role_ids}"), serve: s.addUserRoles},
		{method: http.MethodDelete, path: "/security/users/{user_id}/roles", params: withIDs("role_ids", paramsCommon),
			pathID: &pathUser, ids: &idsRoleDelete,
			perms: perms2("security:delete", "user:id:{user_id}", "role:id:{role_ids}"), serve: s.removeUserRoles},
		{method: http.MethodPost, path: "/security/roles/{role_id}/policies", params: []string{"policy_ids", "position", "pretty", "wait_for_complete"},
			pathID: &pathRole, ids: &idsPolicyLink, parse: parsePosition,
			perms: perms2("security:update", "role:id:{role_id}", "policy:id:{policy_ids}"), serve: s.addRolePolicies},
		{method: http.MethodDelete, path: "/security/roles/{role_id}/policies", params: withIDs("policy_ids", paramsCommon),
			pathID: &pathRole, ids: &idsPolicyDelete,
			perms: perms2("security:delete", "role:id:{role_id}", "policy:id:{policy_ids}"), serve: s.removeRolePolicies},
		{method: http.MethodPost, path: "/security/roles/{role_id}/rules", params: withIDs("rule_ids", paramsCommon),
			pathID: &pathRole, ids: &idsRuleLink,
			perms: perms2("security:update", "role:id:{role_id}", "rule:id:{rule_ids}"), serve: s.addRoleRules},
		{method: http.MethodDelete, path: "/security/roles/{role_id}/rules", params: withIDs("rule_ids", paramsCommon),
			pathID: &pathRole, ids: &idsRuleDelete,
			perms: perms2("security:delete", "role:id:{role_id}", "rule:id:{rule_ids}"), serve: s.removeRoleRules},

		{method: http.MethodGet, path: "/security/config", params: paramsCommon,
			perms: perm("security:read_config", "*:*:*"), serve: s.getSecurityConfig},
		{method: http.MethodPut, path: "/security/config", params: paramsCommon,
			perms: perm("security:update_config", "*:*:*"), body: schemaSecurityConfig, serve: s.putSecurityConfig},
		{method: http.MethodDelete, path: "/security/config", params: paramsCommon,
			perms: perm("security:update_config", "*:*:*"), serve: s.deleteSecurityConfig},
	}
}

// mountSecurity registers the login endpoints and, when rbac.db is
// available, every other /security operation.
func (s *Server) mountSecurity(r *mux.Router) {
	r.Methods(http.MethodPost).Path("/security/user/authenticate").HandlerFunc(s.login)
	r.Methods(http.MethodGet).Path("/security/user/authenticate").HandlerFunc(s.loginDeprecated)
	if s.opts.RBAC == nil {
		return
	}
	r.Methods(http.MethodPost).Path("/security/user/authenticate/run_as").HandlerFunc(s.runAsLogin)
	for _, rt := range s.securityRoutes() {
		r.Methods(rt.method).Path(rt.path).Handler(s.authenticated(s.secHandler(rt)))
	}
}
