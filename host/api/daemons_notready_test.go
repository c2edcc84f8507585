package api

import (
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

// While a daemon the framework needs is down (attached mode), module and
// /security operations answer Wazuh's 1017 (500, with dapi_errors) after
// their parameters are validated and before RBAC (key order as in
// api-surface.md §3's examples); GET / and logins are
// not framework calls and keep working. Once the daemon runs, so do they.
func TestDaemonsNotReadyAnswer1017(t *testing.T) {
	var down atomic.Bool
	down.Store(true)
	notReady := &sdk.Error{Code: 1017, HTTPStatus: http.StatusInternalServerError,
		Message: `Some Wazuh daemons are not ready yet in node "node01" (wazuh-db->stopped)`}
	e := newSecEnv(t, func(o *Options) {
		o.DaemonsNotReady = func() *sdk.Error {
			if down.Load() {
				return notReady
			}
			return nil
		}
	})
	e.Mount([]ModuleRoutes{{Target: echoTarget{}, Routes: []sdk.Route{
		{ID: "test.get", Method: http.MethodGet, Path: "/test/{id}", QueryParams: []string{"q"}},
	}}})
	tok := e.admin()
	const body1017 = `{"title": "Wazuh Internal Error", "detail": "Some Wazuh daemons are not ready yet in node \"node01\" (wazuh-db->stopped)", "dapi_errors": {"node01": {"error": "Some Wazuh daemons are not ready yet in node \"node01\" (wazuh-db->stopped)", "logfile": "WAZUH_HOME/logs/api.log"}}, "error": 1017}`
	expect(t, e.call(http.MethodGet, "/test/1", tok, ""), 500, body1017)
	expect(t, e.call(http.MethodGet, "/security/users", tok, ""), 500, body1017)
	expectStatus(t, e.call(http.MethodGet, "/test/1?bogus=1", tok, ""), 400, "Extra query parameter(s) bogus not in spec")
	expectStatus(t, e.call(http.MethodGet, "/", tok, ""), 200)
	expectStatus(t, e.call(http.MethodGet, "/test/1", "", ""), 401)
	down.Store(false)
	expectStatus(t, e.call(http.MethodGet, "/test/1", tok, ""), 200)
	expectStatus(t, e.call(http.MethodGet, "/security/users", tok, ""), 200)
}
