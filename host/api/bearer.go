package api

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/wazuh-go/server/host/auth"
)

type identityKey struct{}

// identityFrom returns the verified identity of an authenticated request.
func identityFrom(ctx context.Context) *auth.Identity {
	id, _ := ctx.Value(identityKey{}).(*auth.Identity)
	return id
}

// bearerToken extracts the token as Wazuh does: no header or a non-Bearer
// scheme is "No authorization token provided"; a header without a space is
// "Invalid authorization header".
func bearerToken(r *http.Request) (string, *problem) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", &problemNoToken
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !ok {
		return "", &problemBadAuthHeader
	}
	if !strings.EqualFold(scheme, "bearer") {
		return "", &problemNoToken
	}
	return strings.TrimSpace(token), nil
}

// authenticated wraps a handler with bearer-token verification.
func (s *Server) authenticated(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, p := s.verify(r)
		if p != nil {
			writeProblem(w, *p)
			return
		}
		if rec, ok := w.(*statusRecorder); ok {
			rec.user = id.Claims.Subject
			rec.authHash = id.Claims.HashAuthContext
		}
		next(w, r.WithContext(context.WithValue(r.Context(), identityKey{}, id)))
	})
}

func (s *Server) verify(r *http.Request) (*auth.Identity, *problem) {
	token, p := bearerToken(r)
	if p != nil {
		return nil, p
	}
	id, err := s.opts.Verifier.Verify(token)
	switch {
	case errors.Is(err, auth.ErrTokenExpired):
		return nil, &problemTokenExpired
	case err != nil:
		return nil, &problemInvalidToken
	}
	return id, nil
}
