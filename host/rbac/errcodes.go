package rbac

import (
	"net/http"

	"github.com/wazuh-go/server/sdk"
)

// docURL is the documentation base Wazuh 4.14 embeds in remediations.
const docURL = "https://documentation.wazuh.com/4.14"

// Wazuh error codes used by this package (framework/wazuh/core/exception.py).
const (
	CodePermissionDenied   = 4000
	CodeEmptyBody          = 4001
	CodeRoleNotFound       = 4002
	CodeInvalidRule        = 4003
	CodeNameOrRuleExists   = 4005
	CodeInvalidPolicy      = 4006
	CodePolicyNotFound     = 4007
	CodeReservedResource   = 4008
	CodeNameOrPolicyExists = 4009
	CodeRolePolicyMissing  = 4010
	CodeRolePolicyExists   = 4011
	CodeNameExists         = 4013
	CodeUserRoleMissing    = 4016
	CodeUserRoleExists     = 4017
	CodeNegativeLevel      = 4018
	CodeInvalidResource    = 4019
	CodeRuleNotFound       = 4022
	CodeRoleRuleExists     = 4023
	CodeRoleRuleMissing    = 4024
	CodeInvalidResources   = 4500
	CodeUserNotCreated     = 5000
	CodeUserNotFound       = 5001
	CodeReservedUser       = 5004
	CodePasswordComplexity = 5007
	CodeCurrentUser        = 5008
	CodePasswordLength     = 5009
	CodeInvalidAllowRunAs  = 5010
	CodeAdminOnlyByAdmins  = 5011
	CodeLoginBlocked       = 6000
	CodeRateLimited        = 6001
	CodeWrongContentType   = 6002
	CodeJWTSecret          = 6003
	CodeRunAsDisabled      = 6004
	CodeEventsRateLimited  = 6005
)

// Texts shared by several remediations.
const (
	rbacConfigURL           = docURL + "/user-manual/api/rbac/configuration.html"
	usersEndpointHint       = "the `GET /security/users` call"
	rolePoliciesEndpoint    = "POST /security/roles/{role_id}/policies"
	userRolesEndpoint       = "POST /security/users/{user_id}/roles"
	roleRulesEndpoint       = "POST /security/roles/{role_id}/rules"
	runAsEndpointReference  = docURL + "/user-manual/api/reference.html#operation/api.controllers.security_controller.edit_run_as"
	rateLimitRemediationURL = docURL + "/user-manual/api/configuration.html#configuration-file"
)

func init() {
	bad := http.StatusBadRequest
	sdk.RegisterErrors(map[int]sdk.ErrorInfo{
		4000: {Message: "Permission denied", Status: http.StatusForbidden,
			Remediation: "Please, make sure you have permissions to execute the current request. For more information on how to set up permissions, please visit " + rbacConfigURL},
		4001: {Message: "The body of the request is empty, you must specify what you want to modify", Status: bad},
		4002: {Message: "The specified role does not exist", Status: bad,
			Remediation: "Please, create the specified role with the endpoint POST /security/roles"},
		4003: {Message: "The specified rule is invalid", Status: bad, Remediation: "The rule must be in JSON format."},
		4004: {Message: "The specified name is invalid", Status: bad},
		4005: {Message: "The specified name or rule already exist", Status: bad},
		4006: {Message: "The specified policy is invalid", Status: bad,
			Remediation: `The actions and resources must be split by ":". Example: agent:id:001`},
		4007: {Message: "The specified policy does not exist", Status: bad,
			Remediation: "Please, create the specified policy with the endpoint POST /security/policies"},
		4008: {Message: "The specified resource is required for a correct Wazuh's functionality", Status: bad},
		4009: {Message: "The specified name or policy already exist", Status: bad},
		4010: {Message: "The specified role-policy relation does not exist", Status: bad,
			Remediation: "Please, create the specified role-policy relation with the endpoint " + rolePoliciesEndpoint},
		4011: {Message: "The specified role-policy link already exist", Status: bad},
		4013: {Message: "The specified name already exist", Status: bad},
		4014: {Message: "Parameter {param} is required", Status: bad, Remediation: "Please, make sure the parameter is defined"},
		4016: {Message: "The specified user-role relation does not exist", Status: bad,
			Remediation: "Please, create the specified user-role relation with the endpoint " + userRolesEndpoint},
		4017: {Message: "The specified user-role relation already exist", Status: bad},
		4018: {Message: "Level cannot be a negative number", Status: bad},
		4019: {Message: "Invalid resource specified", Status: bad,
			Remediation: "Please, check the current RBAC resources, for more information please visit " + rbacConfigURL},
		4020: {Message: "Invalid endpoint specified", Status: bad, Remediation: "Valid endpoints are"},
		4021: {Message: "Error reading security configuration", Status: bad},
		4022: {Message: "The specified security rule does not exist", Status: bad,
			Remediation: "Please, create the specified security rule with the endpoint POST /security/rules"},
		4023: {Message: "The specified role-rule relation already exist", Status: bad},
		4024: {Message: "The specified role-rule relation does not exist", Status: bad,
			Remediation: "Please, create the specified role-rule relation with the endpoint " + roleRulesEndpoint},
		4500: {Message: "The specified resources are invalid", Status: bad,
			Remediation: "Please, make sure permissions are properly defined, for more information on setting up permissions please visit " + rbacConfigURL},
		5000: {Message: "The user could not be created", Status: bad,
			Remediation: "Please check that the user does not exist, to do this you can use " + usersEndpointHint},
		5001: {Message: "The user does not exist", Status: bad,
			Remediation: "The user can be created with the following endpoint: `POST /security/users`"},
		5004: {Message: "The user could not be removed or updated", Status: bad,
			Remediation: "Administrator users cannot be removed or updated"},
		5007: {Message: "Insecure user password provided", Status: bad,
			Remediation: "The password for Wazuh API users must contain at least one upper and lower case letter, a number and a symbol."},
		5008: {Message: "The current user cannot be deleted", Status: bad},
		5009: {Message: "Insecure user password provided", Status: bad,
			Remediation: "The password for Wazuh API users must contain a length between 8 and 64 characters."},
		5010: {Message: "The value of the parameter allow_run_as is invalid", Status: bad,
			Remediation: "The value of the allow_run_as parameter must be true (enabled authentication through authorization context) or false (disabled authentication through authorization context)."},
		5011: {Message: "Administrator users can only be modified by themselves", Status: bad},
		6000: {Message: "Limit of login attempts reached. The current IP has been blocked due to a high number of login attempts", Status: http.StatusForbidden},
		6001: {Message: "Maximum number of requests per minute reached", Status: http.StatusTooManyRequests,
			Remediation: "This limit can be changed in api.yaml file. More information here: " + rateLimitRemediationURL},
		6002: {Message: "The body type is not the one specified in the content-type", Status: http.StatusNotAcceptable},
		6003: {Message: "Error trying to load the JWT secret", Status: http.StatusInternalServerError,
			Remediation: "Make sure you have the right permissions: WAZUH_PATH/api/configuration/security/jwt_secret"},
		6004: {Message: "The current user does not have authentication enabled through authorization context", Status: http.StatusForbidden,
			Remediation: "You can enable it using the following endpoint: " + runAsEndpointReference},
		6005: {Message: "Maximum number of requests per minute reached", Status: http.StatusTooManyRequests},
	})
}

// wazuhError returns the registered error for code with optional extra text.
func wazuhError(code int, extra ...string) *sdk.Error {
	return sdk.NewError(code, extra...)
}
