package api

import (
	"errors"
	"io"
	"net/http"

	"github.com/wazuh-go/server/host/auth"
	"github.com/wazuh-go/server/host/rbac"
	"github.com/wazuh-go/server/host/rbac/authcontext"
	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pyjson"
)

// maxRunAsBody is the largest authorization context Wazuh 4.14.7 accepts.
const maxRunAsBody = 8192

var problemRunAsTooLarge = problem{status: http.StatusRequestEntityTooLarge, title: "Request Entity Too Large",
	detail: "Auth context payload exceeds the maximum allowed size of 8192 bytes.", code: http.StatusRequestEntityTooLarge}

// runAsLogin serves POST /security/user/authenticate/run_as: Basic
// credentials plus an authorization context body. The token's roles are
// the roles whose rules match the context (the user's own role links are
// ignored), run_as is true and hash_auth_context identifies the context.
func (s *Server) runAsLogin(w http.ResponseWriter, r *http.Request) { s.authenticate(w, r, true) }

// readRunAsBody reads the authorization context, refusing more than 8192
// bytes (413) before any authentication work, then the upload limit.
func readRunAsBody(r *http.Request, uploadLimit int64) ([]byte, *problem) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	if r.ContentLength > maxRunAsBody {
		return nil, &problemRunAsTooLarge
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRunAsBody+1))
	if err != nil {
		p := problemBadRequest("Error reading request body")
		return nil, &p
	}
	if len(body) > maxRunAsBody {
		return nil, &problemRunAsTooLarge
	}
	if uploadLimit > 0 && int64(len(body)) > uploadLimit {
		p := problemTooLarge(uploadLimit, int64(len(body)))
		return nil, &p
	}
	return body, nil
}

// runAsClaims validates the context (a JSON object, treated as plain data:
// no key has any meaning to the decoder, the CVE-2025-24016 lesson) and
// turns claims into a run_as token's: roles from rule matches, run_as and
// hash_auth_context. A user without allow_run_as gets 403 (6004).
func (s *Server) runAsClaims(r *http.Request, body []byte, claims *auth.Claims) *problem {
	if p := checkBody(r, body, []string{"application/json"}); p != nil {
		return p
	}
	v, err := pyjson.Decode(body)
	if err != nil {
		p := problemBadRequest(err.Error())
		return &p
	}
	if pyType(v) != "object" {
		p := problemBadRequest(pyjson.Repr(v) + " is not of type 'object'")
		return &p
	}
	ctx := r.Context()
	u, err := s.opts.RBAC.GetUserByName(ctx, claims.Subject)
	if err != nil {
		return s.loginError(err)
	}
	roles, err := s.opts.RBAC.RunAsRoles(ctx, u, body)
	if err != nil {
		return s.loginError(err)
	}
	hash, err := rbac.HashAuthContext(body)
	if err != nil {
		return s.loginError(err)
	}
	claims.RunAs = true
	claims.RBACRoles = make([]int64, len(roles))
	for i, id := range roles {
		claims.RBACRoles[i] = int64(id)
	}
	claims.HashAuthContext = hash
	return nil
}

// loginError renders an error of the login's framework call (it went
// through the DAPI with no RBAC context, so dapi_errors names the node).
func (s *Server) loginError(err error) *problem {
	var we *sdk.Error
	switch {
	case errors.As(err, &we):
	case errors.Is(err, authcontext.ErrContextTooLarge):
		return &problemRunAsTooLarge
	default:
		s.opts.Logger.Error("run_as login failed", "error", err)
		we = sdk.NewError(1000).WithStatus(http.StatusInternalServerError)
	}
	p := problemFromError(we, s.opts.NodeName)
	return &p
}
