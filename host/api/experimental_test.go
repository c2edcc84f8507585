package api

import (
	"net/http"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

func TestExperimentalOperationsAnswer1122WhenDisabled(t *testing.T) {
	s := newTestServer(t, nil) // experimental_features defaults to false
	tok := s.token(t)
	rec := s.request(http.MethodGet, "/experimental/syscollector/os?pretty=true", tok, "", "")
	if rec.Code != http.StatusNotFound {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	want := `{"title": "Resource Not Found", "detail": "Experimental features are disabled", "remediation": "` + problemExperimentalDisabled.remediation + `", "error": 1122}`
	expectProblem(t, rec, http.StatusNotFound, want)
	// Authentication comes first, as in Wazuh's controllers.
	if rec := s.request(http.MethodDelete, "/experimental/syscheck", "", "", ""); rec.Code != http.StatusUnauthorized {
		t.Fatalf("no token: %d", rec.Code)
	}
	// Paths outside the spec stay a plain 404, a wrong method a 405.
	if rec := s.request(http.MethodGet, "/experimental/nothing", tok, "", ""); rec.Code != http.StatusNotFound || rec.Body.String() != `{"title": "Not Found", "detail": "404: Not Found"}` {
		t.Fatalf("unknown path: %d %s", rec.Code, rec.Body)
	}
	if rec := s.request(http.MethodPost, "/experimental/syscollector/os", tok, "", ""); rec.Code != http.StatusMethodNotAllowed {
		t.Fatalf("wrong method: %d", rec.Code)
	}
}

func TestExperimentalGateWinsOverModulesAndLiftsWhenEnabled(t *testing.T) {
	route := sdk.Route{ID: "syscheck.delete_experimental", Method: http.MethodDelete, Path: "/experimental/syscheck"}
	for _, enabled := range []bool{false, true} {
		s := newTestServer(t, func(o *Options) { o.ExperimentalFeatures = enabled })
		s.Mount([]ModuleRoutes{{Target: echoTarget{}, Routes: []sdk.Route{route}}})
		rec := s.request(http.MethodDelete, "/experimental/syscheck", s.token(t), "", "")
		if enabled && rec.Code != http.StatusOK {
			t.Fatalf("enabled: the module's route must serve, got %d %s", rec.Code, rec.Body)
		}
		if !enabled && rec.Code != http.StatusNotFound {
			t.Fatalf("disabled: got %d %s, want 1122", rec.Code, rec.Body)
		}
	}
}
