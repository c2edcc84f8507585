package api

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// problem is a Wazuh problem+json body (api-surface.md §3). Key order:
// title, detail, remediation, dapi_errors, error.
type problem struct {
	status      int
	title       string
	detail      string
	remediation string
	// remediationNull writes "remediation": null (the /events 6005 quirk).
	remediationNull bool
	// dapiNode, when set, adds dapi_errors {node: {"error": detail}}.
	dapiNode string
	// dapiMessage is the dapi_errors message: the raw exception message,
	// detail when empty.
	dapiMessage string
	// dapiLogfile adds "logfile" to dapi_errors (internal errors).
	dapiLogfile bool
	code        int
}

func (p problem) body() []byte {
	var b bytes.Buffer
	b.WriteString(`{"title": `)
	b.Write(quote(p.title))
	b.WriteString(`, "detail": `)
	b.Write(quote(p.detail))
	switch {
	case p.remediation != "":
		b.WriteString(`, "remediation": `)
		b.Write(quote(p.remediation))
	case p.remediationNull:
		b.WriteString(`, "remediation": null`)
	}
	if p.dapiNode != "" {
		msg := p.dapiMessage
		if msg == "" {
			msg = p.detail
		}
		fmt.Fprintf(&b, `, "dapi_errors": {%s: {"error": %s`, quote(p.dapiNode), quote(msg))
		if p.dapiLogfile {
			b.WriteString(`, "logfile": "WAZUH_HOME/logs/api.log"`)
		}
		b.WriteString(`}}`)
	}
	if p.code != 0 {
		fmt.Fprintf(&b, `, "error": %d`, p.code)
	}
	b.WriteByte('}')
	return b.Bytes()
}

func quote(s string) []byte {
	out, _ := sdk.MarshalWazuhJSON(s, false)
	return out
}

func writeProblem(w http.ResponseWriter, p problem) {
	h := w.Header()
	h.Set("Content-Type", "application/problem+json; charset=utf-8")
	h.Del("Content-Length")
	w.WriteHeader(p.status)
	_, _ = w.Write(p.body())
}

// problemFromError renders a Wazuh error. node adds dapi_errors as Wazuh does
// for exceptions that went through the DAPI; empty omits it.
func problemFromError(e *sdk.Error, node string) problem {
	// Wazuh's problem handler cleans the detail up; dapi_errors keeps the
	// exception's message as raised.
	p := problem{status: e.Status(), title: e.ProblemTitle(), detail: query.CleanupDetail(e.Message), remediation: e.Remediation, code: e.Code}
	if e.Code != 0 && node != "" {
		p.dapiNode, p.dapiMessage = node, e.Message
		p.dapiLogfile = p.status >= 500
	}
	return p
}

// Fixed problems of the HTTP layer (api-surface.md §3 "Other responses").
var (
	problemNotFound         = problem{status: http.StatusNotFound, title: "Not Found", detail: "404: Not Found"}
	problemMethodNotAllowed = problem{status: http.StatusMethodNotAllowed, title: "Method Not Allowed", detail: "405: Method Not Allowed"}
	problemNoToken          = problem{status: http.StatusUnauthorized, title: "Unauthorized", detail: "No authorization token provided"}
	problemBadAuthHeader    = problem{status: http.StatusUnauthorized, title: "Unauthorized", detail: "Invalid authorization header"}
	problemInvalidToken     = problem{status: http.StatusUnauthorized, title: "Unauthorized", detail: "Invalid token"}
	problemTokenExpired     = problem{status: http.StatusUnauthorized, title: "Unauthorized", detail: "Token expired"}
	problemBadCredentials   = problem{status: http.StatusUnauthorized, title: "Unauthorized", detail: "Invalid credentials"}
	problemLoginBlocked     = problem{status: http.StatusForbidden, title: "Permission Denied", detail: "Limit of login attempts reached. The current IP has been blocked due to a high number of login attempts", code: 6000}
	problemRateLimited      = problem{status: http.StatusTooManyRequests, title: "Too Many Requests", detail: "Maximum number of requests per minute reached", remediation: "This limit can be changed in api.yaml file. More information here: https://documentation.wazuh.com/4.14/user-manual/api/configuration.html#configuration-file", code: 6001}
	problemNoContentType    = problem{status: http.StatusNotAcceptable, title: "Not Acceptable", detail: "The body type is not the one specified in the content-type", code: 6002}
	problemInternal         = problem{status: http.StatusInternalServerError, title: "Internal Server Error", detail: "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application."}
)

func problemTooLarge(limit, read int64) problem {
	return problem{status: http.StatusRequestEntityTooLarge, title: "Content size exceeded.", detail: fmt.Sprintf("Maximum content size limit (%d) exceeded (%d bytes read)", limit, read)}
}

func problemUnsupportedMedia(ct string) problem {
	return problem{status: http.StatusUnsupportedMediaType, title: "Unsupported Media Type", detail: fmt.Sprintf("Invalid Content-type (%s), expected ['application/json']", ct)}
}

func problemBadRequest(detail string) problem {
	return problem{status: http.StatusBadRequest, title: "Bad Request", detail: detail}
}
