package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Tests named TestSec9Hygiene* cover security.md §9 "Hygiene". Key file
// modes and on-disk key regeneration are covered in host/auth
// (TestKeyFilesMode, TestRefreshPicksUpRegeneratedKeys).

// §9: every response, errors included, carries the security headers.
func TestSec9HygieneSecurityHeadersEverywhere(t *testing.T) {
	e := newSecEnv(t, func(o *Options) { o.MaxRequestPerMinute = 12; o.MaxLoginAttempts = 1 })
	tok := e.admin()
	recs := map[string]*httptest.ResponseRecorder{
		"200": e.call(http.MethodGet, "/security/users", tok, ""),
		"400": e.call(http.MethodGet, "/security/users?foo=1", tok, ""),
		"401": e.call(http.MethodGet, "/security/users", "", ""),
	}
	_, ro := e.user("readonly1", 2)
	recs["403"] = e.call(http.MethodPut, "/security/user/revoke", ro, "")
	recs["404"] = e.call(http.MethodGet, "/nowhere", tok, "")
	recs["405"] = e.call(http.MethodPatch, "/security/users", tok, "")
	recs["413"] = e.loginAs("wazuh", "wazuh", runAsPath, `{"a": "`+strings.Repeat("x", 9000)+`"}`)
	recs["406"] = e.call(http.MethodPut, "/security/config", tok, "")
	for len(recs) < 20 {
		rec := e.call(http.MethodGet, "/", tok, "")
		if rec.Code == 429 {
			recs["429"] = rec
			break
		}
		recs["extra"+itoa(len(recs))] = rec
	}
	if recs["429"] == nil {
		t.Fatal("rate limit never reached")
	}
	for name, rec := range recs {
		for _, kv := range securityHeaders {
			if got := rec.Header()[kv[0]]; len(got) != 1 || got[0] != kv[1] {
				t.Errorf("%s (%d): %s = %q, want %q", name, rec.Code, kv[0], got, kv[1])
			}
		}
	}
}

// §9: passwords in the query or body are logged as ****, usernames with \n
// are escaped, and Authorization headers are never logged.
func TestSec9HygieneAccessLogSanitized(t *testing.T) {
	e := newSecEnv(t, nil)
	tok := e.admin()
	e.call(http.MethodPost, "/security/users?password=QuerySecret1!", tok, `{"username": "loggeduser", "password": "BodySecret1!"}`)
	e.call(http.MethodPut, "/security/users/2", tok, `{"password": "BodySecret2!"}`)
	e.call(http.MethodPost, "/security/users", tok, `{"username": "loggeduser", "password": "BodySecret3!"}`)
	req := httpReq(http.MethodPost, "/security/user/authenticate", "")
	req.SetBasicAuth("evil\nINFO forged", "BasicSecret1!")
	e.serveReq(req)
	log := e.log.String()
	for _, secret := range []string{"QuerySecret1!", "BodySecret1!", "BodySecret2!", "BodySecret3!", "BasicSecret1!", tok, "Bearer"} {
		if strings.Contains(log, secret) {
			t.Fatalf("log contains %q:\n%s", secret, log)
		}
	}
	for _, want := range []string{`"password": "****"`, `evil\nINFO forged`} {
		if !strings.Contains(log, want) {
			t.Fatalf("log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, "evil\nINFO") {
		t.Fatalf("raw newline from a username reached the log:\n%s", log)
	}
}

// §9: PUT /security/config with auth_token_exp_timeout 29, rbac_mode
// "grey", an extra key or {} gives 400; a wrong Content-Type gives 406
// (6002).
func TestSec9HygieneSecurityConfigValidation(t *testing.T) {
	e := newSecEnv(t, nil)
	tok := e.admin()
	for body, detail := range map[string]string{
		`{"auth_token_exp_timeout": 29}`:    `29 is less than the minimum of 30 - 'auth_token_exp_timeout'`,
		`{"auth_token_exp_timeout": "900"}`: `'900' is not of type 'integer' - 'auth_token_exp_timeout'`,
		`{"auth_token_exp_timeout": 90.5}`:  `90.5 is not of type 'integer' - 'auth_token_exp_timeout'`,
		`{"rbac_mode": "grey"}`:             `'grey' is not one of ['white', 'black'] - 'rbac_mode'`,
		`{"rbac_mode": "white", "x": 1}`:    `Invalid field found {'x'}`,
		`{}`:                                `{} does not have enough properties`,
	} {
		expect(t, e.call(http.MethodPut, "/security/config", tok, body), 400, `{"title": "Bad Request", "detail": "`+detail+`"}`)
	}
	for _, ct := range []string{"", "application/json; charset=utf-8"} {
		req := httpReq(http.MethodPut, "/security/config", `{"rbac_mode": "white"}`)
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", ct)
		if ct == "" {
			req.Header.Del("Content-Type")
		}
		expect(t, e.serveReq(req), 406, `{"title": "Not Acceptable", "detail": "The body type is not the one specified in the content-type", "error": 6002}`)
	}
	req := httpReq(http.MethodPut, "/security/config", `{"rbac_mode": "white"}`)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "text/plain")
	expect(t, e.serveReq(req), 415, `{"title": "Unsupported Media Type", "detail": "Invalid Content-type (text/plain), expected ['application/json']"}`)
	expect(t, e.call(http.MethodGet, "/security/config", tok, ""), 200, `{"data": {"auth_token_exp_timeout": 900, "rbac_mode": "white"}, "error": 0}`)
}
