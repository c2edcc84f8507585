package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/gorilla/mux"

	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/sdk"
)

var requestSeq atomic.Uint64

// forwardedHeaders are the request headers modules may see.
var forwardedHeaders = []string{"Content-Type", "Accept", "User-Agent"}

// proxy serves one module route: authentication, query and body checks,
// RBAC (permissions, then the route's AllowChecks when Authz is an
// AllowEvaluator), then the module call with the request timeout.
func (s *Server) proxy(rt sdk.Route, target RouteTarget) http.Handler {
	consumes := rt.Consumes
	if len(consumes) == 0 {
		consumes = []string{"application/json"}
	}
	allowed := withCommonParams(rt.QueryParams)
	allowEval, _ := s.opts.Authz.(AllowEvaluator)
	handler := func(w http.ResponseWriter, r *http.Request) {
		if rt.Deprecated {
			w.Header().Set("Deprecated", "true")
		}
		q := queryValues(r) // parsed once per request
		if rt.QueryParams != nil {
			if p := checkQuery(q, allowed); p != nil {
				writeProblem(w, *p)
				return
			}
		}
		body, p := readBody(r, s.opts.MaxUploadSize)
		if p == nil {
			p = checkBody(r, body, consumes)
		}
		if p != nil {
			writeProblem(w, *p)
			return
		}
		if rec, ok := w.(*statusRecorder); ok {
			rec.body = body
		}
		req := &sdk.Request{
			RouteID: rt.ID, Method: r.Method, Path: pathUTF8(r.URL.Path), PathParams: pathParamsUTF8(mux.Vars(r)), Query: q,
			Header: http.Header{}, Body: body, RemoteAddr: clientIP(r),
			RequestID: strconv.FormatUint(requestSeq.Add(1), 10),
		}
		forwardHeaders(req.Header, r.Header, forwardedHeaders)
		if e := s.daemonsNotReady(); e != nil {
			writeProblem(w, problemFromError(e, s.dapiNode(r.Context(), identityFrom(r.Context()))))
			return
		}
		if id := identityFrom(r.Context()); id != nil {
			req.Caller = sdk.Caller{UserID: id.UserID, Username: id.Claims.Subject, RoleIDs: id.Claims.RBACRoles, RunAs: id.Claims.RunAs}
			if len(rt.Permissions) > 0 {
				scopes, denied := s.opts.Authz.Authorize(r.Context(), id, rt.Permissions, req.PathParams, req.Query)
				if denied != nil {
					writeProblem(w, problemFromError(denied, s.dapiNode(r.Context(), id)))
					return
				}
				req.Scopes = scopes
			}
			allows, failed := allowsFor(r.Context(), allowEval, id, rt.AllowChecks)
			if failed != nil {
				writeProblem(w, problemFromError(failed, s.dapiNode(r.Context(), id)))
				return
			}
			req.Allows = allows
		}
		s.callModule(w, r, rt, target, req)
	}
	if rt.Public {
		return http.HandlerFunc(handler)
	}
	return s.authenticated(handler)
}

// daemonsNotReady is Options.DaemonsNotReady's error, if any.
func (s *Server) daemonsNotReady() *sdk.Error {
	if s.opts.DaemonsNotReady == nil {
		return nil
	}
	return s.opts.DaemonsNotReady()
}

// callModule runs the module call under the request timeout (lifted by
// wait_for_complete=true) and writes its answer.
func (s *Server) callModule(w http.ResponseWriter, r *http.Request, rt sdk.Route, target RouteTarget, req *sdk.Request) {
	ctx := r.Context()
	timeout := rt.Timeout
	if timeout <= 0 {
		timeout = s.opts.RequestTimeout
	}
	if req.Query.Get("wait_for_complete") != "true" && timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	if rt.Stream {
		started := false
		err := target.HandleStream(ctx, req, func(status int, h http.Header) {
			started = true
			copyHeader(w.Header(), h)
			w.WriteHeader(statusOr200(status))
		}, w)
		if err != nil && !started {
			s.writeModuleError(w, ctx, err, identityFrom(r.Context()))
		} else if err != nil {
			// The status and part of the body are sent: abort the
			// connection (HTTP/1.1) or stream (HTTP/2) so that the client
			// sees an incomplete transfer, never a body that looks whole.
			if r.Context().Err() != nil {
				s.opts.Logger.Debug("client went away during the response", "route", rt.ID)
			} else {
				s.opts.Logger.Error("stream truncated", "route", rt.ID, "error", err)
			}
			panic(http.ErrAbortHandler)
		}
		return
	}
	resp, err := target.Handle(ctx, req)
	if err != nil {
		s.writeModuleError(w, ctx, err, identityFrom(r.Context()))
		return
	}
	copyHeader(w.Header(), resp.Header)
	w.WriteHeader(statusOr200(resp.Status))
	_, _ = w.Write(resp.Body)
}

func (s *Server) writeModuleError(w http.ResponseWriter, ctx context.Context, err error, id *auth.Identity) {
	var we *sdk.Error
	switch {
	case errors.As(err, &we):
	case ctx.Err() != nil:
		we = sdk.NewError(3021)
		we.HTTPStatus = http.StatusInternalServerError
	default:
		s.opts.Logger.Error("module call failed", "error", err)
		we = sdk.NewError(1000)
		we.HTTPStatus = http.StatusInternalServerError
	}
	writeProblem(w, problemFromError(we, s.dapiNode(context.WithoutCancel(ctx), id)))
}

func copyHeader(dst, src http.Header) {
	for k, v := range src {
		if k == "Set-Cookie" {
			continue
		}
		dst[k] = v
	}
}

func statusOr200(s int) int {
	if s == 0 {
		return http.StatusOK
	}
	return s
}
