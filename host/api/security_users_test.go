package api

import (
	"net/http"
	"strings"
	"testing"
)

// Tests named TestSec9Users* cover security.md §9 "Passwords and users";
// TestSec9Reserved* cover "Reserved resources". Hash formats and the
// unknown-user hash cost are covered in host/rbac (TestVerifyWerkzeugHashes,
// TestHashPasswordIsWerkzeugScrypt, TestAuthenticateUnknownUserSameWork).

func failed(code int, msg, rem, ids string) string {
	out := `{"error": {"code": ` + itoa(code) + `, "message": "` + msg + `"`
	if rem != "" {
		out += `, "remediation": "` + rem + `"`
	}
	return out + `}, "id": [` + ids + `]}`
}

// §9: Abc!1 gives 400 5009; abcdefgh1! (no upper case) 5007; a 65-character
// valid password 5009; Wazuh12! is accepted.
func TestSec9UsersPasswordPolicy(t *testing.T) {
	e := newSecEnv(t, nil)
	admin := e.admin()
	const lenRem = "The password for Wazuh API users must contain a length between 8 and 64 characters."
	const cxRem = "The password for Wazuh API users must contain at least one upper and lower case letter, a number and a symbol."
	bad := func(code int, rem string) string {
		return `{"title": "Bad Request", "detail": "Insecure user password provided", "remediation": "` + rem +
			`", "dapi_errors": {"node01": {"error": "Insecure user password provided"}}, "error": ` + itoa(code) + `}`
	}
	long := "Aa1!" + strings.Repeat("x", 61)
	for _, c := range []struct {
		pw   string
		code int
		rem  string
	}{{"Abc!1", 5009, lenRem}, {"abcdefgh1!", 5007, cxRem}, {long, 5009, lenRem}} {
		expect(t, e.call(http.MethodPost, "/security/users", admin, `{"username": "newuser", "password": "`+c.pw+`"}`), 400, bad(c.code, c.rem))
		expect(t, e.call(http.MethodPut, "/security/users/2", admin, `{"password": "`+c.pw+`"}`), 400, bad(c.code, c.rem))
	}
	expect(t, e.call(http.MethodPost, "/security/users", admin, `{"username": "newuser", "password": "Wazuh12!"}`), 200,
		`{"data": {"affected_items": [{"id": 100, "username": "newuser", "allow_run_as": false, "roles": []}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "User was successfully created", "error": 0}`)
	expect(t, e.call(http.MethodPut, "/security/users/100", admin, `{}`), 400,
		`{"title": "Bad Request", "detail": "The body of the request is empty, you must specify what you want to modify", "dapi_errors": {"node01": {"error": "The body of the request is empty, you must specify what you want to modify"}}, "error": 4001}`)
}

// §9: creating a user with allow_run_as in the body gives 400 "Invalid
// field found"; a new user gets id >= 100, allow_run_as=false, roles=[].
func TestSec9UsersCreate(t *testing.T) {
	e := newSecEnv(t, nil)
	admin := e.admin()
	expect(t, e.call(http.MethodPost, "/security/users", admin, `{"username": "newuser", "password": "Wazuh12!", "allow_run_as": true}`), 400,
		`{"title": "Bad Request", "detail": "Invalid field found {'allow_run_as'}"}`)
	expectStatus(t, e.call(http.MethodPost, "/security/users", admin, `{"username": "newuser", "password": "Wazuh12!"}`), 200,
		`"affected_items": [{"id": 100, "username": "newuser", "allow_run_as": false, "roles": []}]`)
	expectStatus(t, e.call(http.MethodPost, "/security/users", admin, `{"username": "second", "password": "Wazuh12!"}`), 200, `"id": 101`)
	expect(t, e.call(http.MethodPost, "/security/users", admin, `{"username": "newuser", "password": "Wazuh12!"}`), 200,
		`{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 1, "failed_items": [`+
			failed(5000, "The user could not be created", "Please check that the user does not exist, to do this you can use the `GET /security/users` call", `"newuser"`)+
			`]}, "message": "User could not be created", "error": 1}`)
	for body, detail := range map[string]string{
		`{"username": "abc", "password": "Wazuh12!"}`:     `'abc' is too short - 'username'`,
		`{"username": "a b c", "password": "Wazuh12!"}`:   `'a b c' is not a 'names' - 'username'`,
		`{"username": 12345, "password": "Wazuh12!"}`:     `12345 is not of type 'string' - 'username'`,
		`{"username": "abcd"}`:                            `'password' is a required property`,
		`[1, 2]`:                                          `[1, 2] is not of type 'object'`,
		`{"username": "` + strings.Repeat("u", 65) + `"}`: `'` + strings.Repeat("u", 65) + `' is too long - 'username'`,
	} {
		expect(t, e.call(http.MethodPost, "/security/users", admin, body), 400, `{"title": "Bad Request", "detail": "`+detail+`"}`)
	}
	req := httpReq(http.MethodPost, "/security/users", `{"username": "third", "password": "Wazuh12!"}`)
	req.Header.Set("Authorization", "Bearer "+admin)
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	expect(t, e.serveReq(req), 406, `{"title": "Not Acceptable", "detail": "The body type is not the one specified in the content-type", "error": 6002}`)
}

// §9: a non-reserved user holding security:update on user:id:* cannot
// change user 1's or 2's password (400, 5011); user 1 can change user 2's.
func TestSec9UsersReservedPasswordOnlyByReserved(t *testing.T) {
	e := newSecEnv(t, nil)
	_, tok := e.user("helper", 3) // users_admin: security:update on user:id:*
	for _, id := range []string{"1", "2"} {
		expect(t, e.call(http.MethodPut, "/security/users/"+id, tok, `{"password": "Other.Pass9"}`), 400,
			`{"title": "Bad Request", "detail": "Administrator users can only be modified by themselves", "dapi_errors": {"unknown-node": {"error": "Administrator users can only be modified by themselves"}}, "error": 5011}`)
	}
	expect(t, e.call(http.MethodPut, "/security/users/2", e.admin(), `{"password": "Other.Pass9"}`), 200,
		`{"data": {"affected_items": [{"id": 2, "username": "wazuh-wui", "allow_run_as": true, "roles": [1]}], "total_affected_items": 1, "total_failed_items": 0, "failed_items": []}, "message": "User was successfully updated", "error": 0}`)
	expect(t, e.call(http.MethodPut, "/security/users/999", e.admin(), `{"password": "Other.Pass9"}`), 200,
		`{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 1, "failed_items": [`+
			failed(5001, "The user does not exist", "The user can be created with the following endpoint: `POST /security/users`", "999")+
			`]}, "message": "User could not be updated", "error": 1}`)
}

// §9: deleting user 1 or 2 fails with 5004, deleting yourself with 5008;
// with user_ids=all reserved users and yourself are silently skipped.
func TestSec9UsersDelete(t *testing.T) {
	e := newSecEnv(t, nil)
	me, tok := e.user("deleter", 3)
	e.user("victim1")
	e.user("victim2")
	expect(t, e.call(http.MethodDelete, "/security/users?user_ids=1,2,"+itoa(me)+",999", tok, ""), 200,
		`{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 4, "failed_items": [`+
			failed(5001, "The user does not exist", "The user can be created with the following endpoint: `POST /security/users`", "999")+", "+
			failed(5004, "The user could not be removed or updated", "Administrator users cannot be removed or updated", "1, 2")+", "+
			failed(5008, "The current user cannot be deleted", "", itoa(me))+
			`]}, "message": "No user was deleted", "error": 1}`)
	expect(t, e.call(http.MethodDelete, "/security/users?user_ids=all", tok, ""), 200,
		`{"data": {"affected_items": [{"id": 101, "username": "victim1", "allow_run_as": false, "roles": []}, {"id": 102, "username": "victim2", "allow_run_as": false, "roles": []}], "total_affected_items": 2, "total_failed_items": 0, "failed_items": []}, "message": "Users were successfully deleted", "error": 0}`)
	expect(t, e.call(http.MethodDelete, "/security/users", tok, ""), 400, `{"title": "Bad Request", "detail": "Missing query parameter 'user_ids'"}`)
	expect(t, e.call(http.MethodDelete, "/security/users?user_ids=abc", tok, ""), 400,
		`{"title": "Bad Request", "detail": "'abc' is not a 'numbers_or_all'. Failed validating 'format' in schema['items']: {'type': 'string', 'format': 'numbers_or_all', 'description': 'User ID|all'}. On instance[0]: 'abc'"}`)
}

// §9: neither a non-admin nor an admin can modify or delete reserved role
// 1 (4008); the same holds for policies and rules with id <= 99.
func TestSec9ReservedResourcesImmutable(t *testing.T) {
	e := newSecEnv(t, nil)
	admin := e.admin()
	const rem4008 = "The specified resource is required for a correct Wazuh's functionality"
	reserved := func(msg string) string {
		return `{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 1, "failed_items": [` +
			failed(4008, rem4008, "", "1") + `]}, "message": "` + msg + `", "error": 1}`
	}
	_, secAdmin := e.user("secadmin", 3)
	for _, c := range []struct{ method, path, body, msg string }{
		{http.MethodPut, "/security/roles/1", `{"name": "renamed"}`, "Role could not be updated"},
		{http.MethodDelete, "/security/roles?role_ids=1", "", "No role was deleted"},
		{http.MethodPut, "/security/policies/1", `{"name": "renamed"}`, "Policy could not be updated"},
		{http.MethodDelete, "/security/policies?policy_ids=1", "", "No policy was deleted"},
		{http.MethodPut, "/security/rules/1", `{"name": "renamed"}`, "Security rule could not be updated"},
		{http.MethodDelete, "/security/rules?rule_ids=1", "", "No security rule was deleted"},
	} {
		expect(t, e.call(c.method, c.path, admin, c.body), 200, reserved(c.msg))
	}
	// users_admin holds no role/policy/rule permissions at all.
	expectStatus(t, e.call(http.MethodDelete, "/security/roles?role_ids=1", secAdmin, ""), 403, `"error": 4000`)
	expect(t, e.call(http.MethodDelete, "/security/roles?role_ids=all", admin, ""), 200,
		`{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 0, "failed_items": []}, "message": "No role was deleted", "error": 0}`)
}

// §9: adding or removing roles of user 1 or 2 gives 4008; adding or
// removing policies of roles 1-7 gives 4008; linking a rule with id <= 99
// to any role gives 4008; linking a custom rule to role 1 succeeds.
func TestSec9ReservedRelationships(t *testing.T) {
	e := newSecEnv(t, nil)
	admin := e.admin()
	id4008 := func(ids, msg string) string {
		return `{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 1, "failed_items": [` +
			failed(4008, "The specified resource is required for a correct Wazuh's functionality", "", ids) + `]}, "message": "` + msg + `", "error": 1}`
	}
	expect(t, e.call(http.MethodPost, "/security/users/1/roles?role_ids=2", admin, ""), 200, id4008("1", "No link was created to user wazuh"))
	expect(t, e.call(http.MethodDelete, "/security/users/2/roles?role_ids=1", admin, ""), 200, id4008("2", "No role was unlinked from user wazuh-wui"))
	for role := 1; role <= 7; role++ {
		r := itoa(role)
		expect(t, e.call(http.MethodPost, "/security/roles/"+r+"/policies?policy_ids=11", admin, ""), 200, id4008(r, "No link was created to role "+r))
		expect(t, e.call(http.MethodDelete, "/security/roles/"+r+"/policies?policy_ids=1", admin, ""), 200, id4008(r, "No policy was unlinked from role "+r))
	}
	custom := e.role("custom")
	expect(t, e.call(http.MethodPost, "/security/roles/"+itoa(custom)+"/rules?rule_ids=1", admin, ""), 200, id4008("1", "No link was created to role "+itoa(custom)))
	rule := createRule(t, e, admin, "corp_admins", `{"FIND": {"group": "admins"}}`)
	expectStatus(t, e.call(http.MethodPost, "/security/roles/1/rules?rule_ids="+itoa(rule), admin, ""), 200,
		`"affected_items": [{"id": 1, "name": "administrator"`, `"rules": [1, 2, `+itoa(rule)+`]}]`, `"message": "All security rules were linked to role 1", "error": 0`)
	expectStatus(t, e.call(http.MethodPost, "/security/roles/"+itoa(custom)+"/policies?policy_ids=4", admin, ""), 200,
		`"message": "All policies were linked to role `+itoa(custom)+`"`)
	expectStatus(t, e.call(http.MethodPost, "/security/users/404/roles?role_ids=2", admin, ""), 404, `"error": 5001`)
}
