package app

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/wazuh-go/server/host/config"
)

func corsRequest(h http.Handler, method string, headers map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, "/agents", nil)
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestCORSIsOffByDefault(t *testing.T) {
	next := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) })
	w := corsRequest(withCORS(config.CORS{SourceRoute: "*"}, next), http.MethodOptions,
		map[string]string{"Origin": "https://a.example", "Access-Control-Request-Method": "GET"})
	if w.Code != http.StatusTeapot || w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("disabled CORS answered %d %v", w.Code, w.Header())
	}
}

func TestCORSWithWazuhDefaults(t *testing.T) {
	next := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	h := withCORS(config.CORS{Enabled: true, SourceRoute: "*", ExposeHeaders: "*", AllowHeaders: "*"}, next)

	w := corsRequest(h, http.MethodOptions, map[string]string{"Origin": "https://a.example",
		"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization"})
	if w.Code != 200 || w.Body.String() != "OK" || w.Header().Get("Access-Control-Allow-Origin") != "*" ||
		w.Header().Get("Access-Control-Allow-Methods") != "GET" || w.Header().Get("Access-Control-Allow-Headers") != "authorization" ||
		w.Header().Get("Access-Control-Max-Age") != "600" {
		t.Fatalf("preflight: %d %q %v", w.Code, w.Body, w.Header())
	}
	// Wazuh passes no methods to Starlette: only GET is allowed.
	w = corsRequest(h, http.MethodOptions, map[string]string{"Origin": "https://a.example", "Access-Control-Request-Method": "POST"})
	if w.Code != 400 || w.Body.String() != "Disallowed CORS method" {
		t.Fatalf("POST preflight: %d %q", w.Code, w.Body)
	}
	w = corsRequest(h, http.MethodGet, map[string]string{"Origin": "https://a.example"})
	if w.Header().Get("Access-Control-Allow-Origin") != "*" || w.Header().Get("Access-Control-Expose-Headers") != "*" ||
		w.Header().Get("Access-Control-Allow-Credentials") != "" {
		t.Fatalf("simple response: %v", w.Header())
	}
	w = corsRequest(h, http.MethodGet, nil)
	if w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("no Origin, no CORS headers: %v", w.Header())
	}
}

func TestCORSWithAnOriginAndCredentials(t *testing.T) {
	next := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	h := withCORS(config.CORS{Enabled: true, SourceRoute: "https://app.example", AllowHeaders: "Authorization", AllowCredentials: true}, next)

	w := corsRequest(h, http.MethodOptions, map[string]string{"Origin": "https://app.example",
		"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "Authorization, Content-Type"})
	if w.Code != 200 || w.Header().Get("Access-Control-Allow-Origin") != "https://app.example" || w.Header().Get("Vary") != "Origin" ||
		w.Header().Get("Access-Control-Allow-Credentials") != "true" ||
		w.Header().Get("Access-Control-Allow-Headers") != "accept, accept-language, authorization, content-language, content-type" {
		t.Fatalf("preflight: %d %v", w.Code, w.Header())
	}
	for _, bad := range []map[string]string{
		{"Origin": "https://app", "Access-Control-Request-Method": "GET"}, // no substring match
		{"Origin": "https://app.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "X-Other"},
	} {
		if w := corsRequest(h, http.MethodOptions, bad); w.Code != 400 {
			t.Fatalf("%v: %d %q", bad, w.Code, w.Body)
		}
	}
	w = corsRequest(h, http.MethodGet, map[string]string{"Origin": "https://app.example"})
	if w.Header().Get("Access-Control-Allow-Origin") != "https://app.example" || w.Header().Get("Access-Control-Allow-Credentials") != "true" {
		t.Fatalf("simple response: %v", w.Header())
	}
	w = corsRequest(h, http.MethodGet, map[string]string{"Origin": "https://other.example"})
	if w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("other origin: %v", w.Header())
	}
}
