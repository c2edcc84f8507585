package sdk

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Error is a Wazuh API error: a numeric Wazuh code, the HTTP status it maps
// to, and the message and remediation Wazuh prints. It crosses the module
// boundary intact (it travels as a typed field of the Handle response, not as
// a gRPC status), so the host renders exactly the problem+json body Wazuh does.
//
// Inside an AffectedItemsResult an Error becomes a failed_items entry; returned
// from a handler it becomes the whole response.
type Error struct {
	// Code is the Wazuh error code (e.g. 1701). Zero means "no Wazuh code":
	// the problem body then has no "error" key, like Wazuh's validation errors.
	Code int
	// HTTPStatus is the status used when the error is the whole response.
	HTTPStatus int
	// Title is the problem+json title. Empty means the title Wazuh uses for
	// HTTPStatus (see TitleForStatus).
	Title string
	// Message is the full message, already including any extra text
	// (Wazuh's "<template>: <extra>").
	Message string
	// Remediation is omitted from bodies when empty.
	Remediation string
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Code == 0 {
		return e.Message
	}
	return fmt.Sprintf("wazuh error %d: %s", e.Code, e.Message)
}

// Is makes errors.Is match two Errors with the same non-zero Code.
func (e *Error) Is(target error) bool {
	var t *Error
	if !errors.As(target, &t) {
		return false
	}
	return t.Code != 0 && t.Code == e.Code
}

// Status returns HTTPStatus, defaulting to 400 as Wazuh's WazuhError does.
func (e *Error) Status() int {
	if e.HTTPStatus == 0 {
		return http.StatusBadRequest
	}
	return e.HTTPStatus
}

// ProblemTitle returns Title, or Wazuh's title for the status.
func (e *Error) ProblemTitle() string {
	if e.Title != "" {
		return e.Title
	}
	return TitleForStatus(e.Status())
}

// TitleForStatus returns the problem+json title Wazuh's exception handlers
// use for an HTTP status (api-surface.md §3).
func TitleForStatus(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "Bad Request"
	case http.StatusUnauthorized:
		return "Unauthorized"
	case http.StatusForbidden:
		return "Permission Denied"
	case http.StatusNotFound:
		return "Resource Not Found"
	case http.StatusMethodNotAllowed:
		return "Method Not Allowed"
	case http.StatusNotAcceptable:
		return "Not Acceptable"
	case http.StatusRequestEntityTooLarge:
		return "Request Entity Too Large"
	case http.StatusTooManyRequests:
		return "Too Many Requests"
	case http.StatusServiceUnavailable:
		return "Service Unavailable"
	case http.StatusInternalServerError:
		return "Wazuh Internal Error"
	default:
		return http.StatusText(status)
	}
}

// NewError builds the Error registered for code in the catalogue. When extra
// is given and non-empty it is appended as Wazuh does: "<message>: <extra>".
// An unknown code gives a 500 with code 1000 semantics but keeps the code, so
// a typo is visible rather than silently swallowed.
func NewError(code int, extra ...string) *Error {
	info, ok := LookupError(code)
	if !ok {
		info = ErrorInfo{Message: fmt.Sprintf("Unknown error code %d", code), Status: http.StatusInternalServerError}
	}
	msg := info.Message
	if x := strings.TrimSpace(strings.Join(extra, " ")); x != "" {
		msg = msg + ": " + x
	}
	return &Error{Code: code, HTTPStatus: info.Status, Message: msg, Remediation: info.Remediation}
}

// WithStatus returns a copy of e with another HTTP status. Wazuh raises the
// same code with different exception classes at different call sites (1701 is
// 404 on single-resource routes and 400 elsewhere).
func (e *Error) WithStatus(status int) *Error {
	c := *e
	c.HTTPStatus = status
	c.Title = ""
	return &c
}

// WithRemediation returns a copy of e whose remediation has extra appended as
// Wazuh does ("<remediation>: <extra>").
func (e *Error) WithRemediation(extra string) *Error {
	c := *e
	if c.Remediation == "" {
		c.Remediation = extra
	} else {
		c.Remediation = c.Remediation + ": " + extra
	}
	return &c
}

// BadRequest is a code-less 400, the shape of Wazuh's parameter validation
// errors ({"title": "Bad Request", "detail": msg}).
func BadRequest(msg string) *Error {
	return &Error{HTTPStatus: http.StatusBadRequest, Message: msg}
}
