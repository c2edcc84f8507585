package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"

	"github.com/gorilla/mux"

	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/host/rbac"
	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pyjson"
	"github.com/wazuh-go/server/sdk/query"
)

// secRoute is one host-served /security operation. The handler runs Wazuh's
// checks in Wazuh's order: bearer token, connexion's query validation
// (unknown parameters, then each parameter), path, body, the controller's
// content-type and field checks, RBAC (expose_resources), then the
// operation itself.
type secRoute struct {
	method, path string
	// params lists every accepted query parameter.
	params []string
	// ids describes the route's *_ids query parameter, if any.
	ids *idSpec
	// pathID describes the route's {x_id} path parameter, if any.
	pathID *idSpec
	// perms are the RBAC permissions, declared like module routes'.
	perms []sdk.Permission
	// parse validates the other query parameters.
	parse func(*secCall) *sdk.Error
	// body is the JSON body's schema; nil means the route takes none.
	body *jsonSchema
	// serve runs the operation and returns the value written as JSON.
	serve func(*secCall) (any, error)
}

// secCall carries one request through a secRoute.
type secCall struct {
	ctx  context.Context
	r    *http.Request
	w    http.ResponseWriter
	id   *auth.Identity
	q    url.Values
	vars map[string]string

	// ids are the values of the route's *_ids parameter as sent (strings,
	// for RBAC), all reports the keyword "all" among them.
	ids []string
	all bool
	// pathID is the numeric path parameter.
	pathID int
	// body is the request's JSON object, fields the raw JSON of its
	// top-level fields.
	body   *pyjson.Object
	fields map[string]json.RawMessage
	// scopes are the RBAC verdicts, one per route permission.
	scopes sdk.Scopes
	// val holds what parse extracted (list params, position, flags).
	val any
}

// caller is the username of the verified token: the only source of the
// current user's identity (the 4.14.6 lesson).
func (c *secCall) caller() string { return c.id.Claims.Subject }

// secHandler runs rt's checks and operation.
func (s *Server) secHandler(rt secRoute) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := &secCall{ctx: r.Context(), r: r, w: w, id: identityFrom(r.Context()), q: queryValues(r), vars: mux.Vars(r)}
		if p := checkSecurityQuery(c.q, rt.params); p != nil {
			writeProblem(w, *p)
			return
		}
		if p := s.secValidate(rt, c); p != nil {
			writeProblem(w, *p)
			return
		}
		if e := s.daemonsNotReady(); e != nil {
			s.writeSecError(c, e)
			return
		}
		if len(rt.perms) > 0 {
			q := c.q
			if c.all {
				q = without(q, rt.ids.param)
			}
			scopes, denied := s.opts.Authz.Authorize(c.ctx, c.id, rt.perms, c.vars, q)
			if denied != nil {
				s.writeSecError(c, denied)
				return
			}
			c.scopes = scopes
		}
		out, err := rt.serve(c)
		if err != nil {
			var we *sdk.Error
			if !errors.As(err, &we) {
				s.opts.Logger.Error("security operation failed", "path", r.URL.Path, "error", err)
				we = sdk.NewError(1000).WithStatus(http.StatusInternalServerError)
			}
			s.writeSecError(c, we)
			return
		}
		if out != nil {
			writeJSON(w, r, http.StatusOK, out)
		}
	}
}

// secValidate runs the checks before RBAC, returning the first failure.
func (s *Server) secValidate(rt secRoute, c *secCall) *problem {
	fail := func(e *sdk.Error) *problem { p := problemFromError(e, ""); return &p }
	if rt.ids != nil {
		ids, all, err := rt.ids.parseQuery(c.q)
		if err != nil {
			return fail(err)
		}
		c.ids, c.all = ids, all
	}
	if rt.parse != nil {
		if err := rt.parse(c); err != nil {
			return fail(err)
		}
	}
	if rt.pathID != nil {
		n, err := rt.pathID.parsePath(c.vars[rt.pathID.param])
		if err != nil {
			return fail(err)
		}
		c.pathID = n
	}
	if rt.body == nil {
		return nil
	}
	raw, p := readBody(c.r, s.opts.MaxUploadSize)
	if p == nil {
		p = checkBody(c.r, raw, []string{"application/json"})
	}
	if p != nil {
		return p
	}
	if rec, ok := c.w.(*statusRecorder); ok {
		rec.body = raw
	}
	var v any
	if len(raw) > 0 {
		var err error
		if v, err = pyjson.Decode(raw); err != nil {
			return fail(sdk.BadRequest(err.Error()))
		}
		if err := rt.body.check(v, nil); err != nil {
			return fail(err)
		}
	}
	// Body.validate_content_type: the controller wants exactly this value.
	if c.r.Header.Get("Content-Type") != "application/json" {
		pp := problemNoContentType
		return &pp
	}
	if len(raw) == 0 {
		return &problemBodyNotJSON
	}
	c.body = v.(*pyjson.Object)
	if err := rt.body.invalidFields(c.body); err != nil {
		return fail(err)
	}
	if err := json.Unmarshal(raw, &c.fields); err != nil {
		return fail(sdk.BadRequest(err.Error()))
	}
	return nil
}

// problemBodyNotJSON is the controller's answer to an empty body.
var problemBodyNotJSON = problem{status: http.StatusBadRequest, title: "Bad Request", detail: "Body request is not a valid JSON", code: 1018}

// checkSecurityQuery is connexion's strict validation for an operation that
// accepts exactly params, plus the boolean pretty / wait_for_complete.
func checkSecurityQuery(q url.Values, params []string) *problem {
	if err := query.CheckAllowed(q, params...); err != nil {
		p := problemFromError(err, "")
		return &p
	}
	for _, name := range []string{"pretty", "wait_for_complete"} {
		if _, err := query.ParseBool(q, name, false); err != nil {
			p := problemFromError(err, "")
			return &p
		}
	}
	return nil
}

// writeSecError renders a Wazuh error raised past the controller: it carries
// dapi_errors keyed by the node name, or "unknown-node" when the caller may
// not read the node (Wazuh resolves the name through an RBAC-filtered call).
func (s *Server) writeSecError(c *secCall, e *sdk.Error) {
	writeProblem(c.w, problemFromError(e, s.dapiNode(c.ctx, c.id)))
}

// dapiNode is the node name dapi_errors use for the caller.
func (s *Server) dapiNode(ctx context.Context, id *auth.Identity) string {
	node := s.opts.NodeName
	if s.opts.RBAC == nil || id == nil || node == "" {
		return node
	}
	p, err := s.opts.RBAC.Permissions(ctx, intRoles(id.Claims.RBACRoles), rbac.Mode(id.Claims.RBACMode))
	if err != nil {
		return node
	}
	if ok, err := p.Allows(ctx, nil, "cluster:read", "node:id:"+node); err != nil || !ok {
		return "unknown-node"
	}
	return node
}

// without returns a copy of q without name.
func without(q url.Values, name string) url.Values {
	out := url.Values{}
	for k, v := range q {
		if k != name {
			out[k] = v
		}
	}
	return out
}

func intRoles(roles []int64) []int {
	out := make([]int, len(roles))
	for i, r := range roles {
		out[i] = int(r)
	}
	return out
}
