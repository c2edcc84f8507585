package api

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/wazuh-go/server/host/auth"
)

const (
	bodyInvalidToken = `{"title": "Unauthorized", "detail": "Invalid token"}`
	bodyNoToken      = `{"title": "Unauthorized", "detail": "No authorization token provided"}`
)

func wazuhClaims(exp int64) *auth.Claims {
	now := time.Now().Unix()
	return &auth.Claims{Issuer: auth.Issuer, Audience: auth.Audience, NotBefore: now - 10, ExpiresAt: exp, Subject: "wazuh", RBACRoles: []int64{1}, RBACMode: "white"}
}

func TestBadTokensGetWazuh401(t *testing.T) {
	s := newTestServer(t, nil)
	now := time.Now().Unix()
	foreign, _ := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	foreignTok, _ := jwt.NewWithClaims(jwt.SigningMethodES512, wazuhClaims(now+900)).SignedString(foreign)
	noneTok, _ := jwt.NewWithClaims(jwt.SigningMethodNone, wazuhClaims(now+900)).SignedString(jwt.UnsafeAllowNoneSignatureType)
	pub := s.keys.Current().Public
	hsTok, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, wazuhClaims(now+900)).SignedString(elliptic.MarshalCompressed(pub.Curve, pub.X, pub.Y))
	expired, _ := auth.Sign(s.keys.Current(), &auth.Claims{Issuer: auth.Issuer, Audience: auth.Audience, NotBefore: now - 1000, ExpiresAt: now - 100, Subject: "wazuh", RBACRoles: []int64{1}, RBACMode: "white"})
	wrongAud := wazuhClaims(now + 900)
	wrongAud.Audience = "other"
	wrongAudTok, _ := auth.Sign(s.keys.Current(), wrongAud)
	ghost := wazuhClaims(now + 900)
	ghost.Subject = "ghost"
	ghostTok, _ := auth.Sign(s.keys.Current(), ghost)
	valid := s.token(t)
	tampered := valid[:len(valid)-4] + "AAAA"

	cases := map[string]string{
		"malformed": "not-a-jwt", "alg none": noneTok, "HS256": hsTok, "foreign key": foreignTok,
		"expired": expired, "wrong audience": wrongAudTok, "unknown user": ghostTok, "tampered signature": tampered,
		"huge": strings.Repeat("a", 20000),
	}
	for name, tok := range cases {
		t.Run(name, func(t *testing.T) {
			expectProblem(t, s.request(http.MethodGet, "/", tok, "", ""), 401, bodyInvalidToken)
			expectProblem(t, s.request(http.MethodGet, "/test/1", tok, "", ""), 401, bodyInvalidToken)
		})
	}
}

func TestMissingAndMalformedAuthorizationHeader(t *testing.T) {
	s := newTestServer(t, nil)
	expectProblem(t, s.request(http.MethodGet, "/", "", "", ""), 401, bodyNoToken)
	for header, body := range map[string]string{
		"Basic d2F6dWg6d2F6dWg=": bodyNoToken,
		"Bearer":                 `{"title": "Unauthorized", "detail": "Invalid authorization header"}`,
	} {
		r := newRawRequest(http.MethodGet, "/", header)
		expectProblem(t, s.serve(r), 401, body)
	}
}

func TestTokenExpiredWhenSecurityConfigChanged(t *testing.T) {
	mode := "white"
	s := newTestServer(t, func(o *Options) {
		sec := func() (int64, string) { return 900, mode }
		o.Security = sec
		o.Verifier = auth.NewVerifier(o.Keys, fakeUsers{}, sec)
	})
	tok := s.token(t)
	if rec := s.request(http.MethodGet, "/", tok, "", ""); rec.Code != 200 {
		t.Fatalf("valid token: %d %s", rec.Code, rec.Body)
	}
	mode = "black"
	expectProblem(t, s.request(http.MethodGet, "/", tok, "", ""), 401, `{"title": "Unauthorized", "detail": "Token expired"}`)
}

func TestBodyErrors(t *testing.T) {
	s := newTestServer(t, nil)
	tok := s.token(t)
	expectProblem(t, s.request(http.MethodPut, "/test/1", tok, "application/json", "{bad"), 400,
		`{"title": "Bad Request", "detail": "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"}`)
	expectProblem(t, s.request(http.MethodPut, "/test/1", tok, "application/json", "  "), 400,
		`{"title": "Bad Request", "detail": "Expecting value: line 1 column 3 (char 2)"}`)
	expectProblem(t, s.request(http.MethodPut, "/test/1", tok, "application/json", `{"a": 1} x`), 400,
		`{"title": "Bad Request", "detail": "Extra data: line 1 column 10 (char 9)"}`)
	expectProblem(t, s.request(http.MethodPut, "/test/1", tok, "text/plain", `{}`), 415,
		`{"title": "Unsupported Media Type", "detail": "Invalid Content-type (text/plain), expected ['application/json']"}`)
	expectProblem(t, s.request(http.MethodPut, "/test/1", tok, "", `{}`), 406,
		`{"title": "Not Acceptable", "detail": "The body type is not the one specified in the content-type", "error": 6002}`)
	expectProblem(t, s.request(http.MethodPut, "/test/1", tok, "application/json", `{"a": "`+strings.Repeat("x", 2000)+`"}`), 413,
		`{"title": "Content size exceeded.", "detail": "Maximum content size limit (1024) exceeded (2009 bytes read)"}`)
	deep := strings.Repeat("[", 150) + strings.Repeat("]", 150)
	expectProblem(t, s.request(http.MethodPut, "/test/1", tok, "application/json", deep), 400,
		`{"title": "Maximum recursion depth exceeded.", "detail": "The JSON structure of the request exceeds the maximum nesting depth allowed by the API."}`)
}

func TestUnknownPathWrongMethodAndExtraParams(t *testing.T) {
	s := newTestServer(t, nil)
	tok := s.token(t)
	expectProblem(t, s.request(http.MethodGet, "/nope", tok, "", ""), 404, `{"title": "Not Found", "detail": "404: Not Found"}`)
	expectProblem(t, s.request(http.MethodDelete, "/test/1", tok, "", ""), 405, `{"title": "Method Not Allowed", "detail": "405: Method Not Allowed"}`)
	expectProblem(t, s.request(http.MethodGet, "/test/1?foo=1", tok, "", ""), 400, `{"title": "Bad Request", "detail": "Extra query parameter(s) foo not in spec"}`)
	// pretty and wait_for_complete are {type: boolean, default: false}:
	// connexion's detail is jsonschema's full message, as for every other
	// parameter, and the last value wins.
	expectProblem(t, s.request(http.MethodGet, "/test/1?pretty=yes", tok, "", ""), 400,
		`{"title": "Bad Request", "detail": "'yes' is not of type 'boolean'. Failed validating 'type' in schema: {'type': 'boolean', 'default': False}. On instance: 'yes'"}`)
	expectProblem(t, s.request(http.MethodGet, "/test/1?pretty=true&wait_for_complete=tru%27e", tok, "", ""), 400,
		`{"title": "Bad Request", "detail": "\"tru'e\" is not of type 'boolean'. Failed validating 'type' in schema: {'type': 'boolean', 'default': False}. On instance: \"tru'e\""}`)
	if rec := s.request(http.MethodGet, "/test/1?pretty=yes&pretty=TRUE", tok, "", ""); rec.Code != http.StatusOK {
		t.Errorf("pretty=yes&pretty=TRUE: got %d %s, want 200 (last value wins)", rec.Code, rec.Body)
	}
}

func TestModuleErrorHasDapiErrorsAndQueryKeepsSemicolons(t *testing.T) {
	s := newTestServer(t, nil)
	tok := s.token(t)
	expectProblem(t, s.request(http.MethodGet, "/test/1?fail=1701", tok, "", ""), 404,
		"{\"title\": \"Resource Not Found\", \"detail\": \"Agent does not exist\", \"remediation\": \"Please, use `GET /agents?select=id,name` to find all available agents\", \"dapi_errors\": {\"node01\": {\"error\": \"Agent does not exist\"}}, \"error\": 1701}")
	rec := s.request(http.MethodGet, "/test/1?q=status%3Dactive;name~x", tok, "", "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"q": "status=active;name~x"`) {
		t.Fatalf("got %d %s", rec.Code, rec.Body)
	}
}
