package pluginhost

import (
	"errors"
	"net/http"
	"net/url"
	"slices"

	"github.com/wazuh-go/server/sdk"
	modulev1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/module/v1"
)

func valuesToWire(v map[string][]string) map[string]*modulev1.StringList {
	if len(v) == 0 {
		return nil
	}
	out := make(map[string]*modulev1.StringList, len(v))
	for k, vals := range v {
		out[wireString(k)] = &modulev1.StringList{Values: wireStrings(vals)}
	}
	return out
}

func valuesFromWire(w map[string]*modulev1.StringList) map[string][]string {
	out := make(map[string][]string, len(w))
	for k, l := range w {
		out[k] = l.GetValues()
	}
	return out
}

func requestToWire(r *sdk.Request) *modulev1.HandleRequest {
	w := &modulev1.HandleRequest{
		RouteId: wireString(r.RouteID), Method: wireString(r.Method), Path: wireString(r.Path), PathParams: wireStringMap(r.PathParams),
		Query: valuesToWire(r.Query), Header: valuesToWire(r.Header), Body: r.Body,
		RequestId: wireString(r.RequestID), RemoteAddr: wireString(r.RemoteAddr),
		Caller: &modulev1.Caller{UserId: r.Caller.UserID, Username: wireString(r.Caller.Username), RoleIds: r.Caller.RoleIDs, RunAs: r.Caller.RunAs},
	}
	for _, s := range r.Scopes {
		w.Scopes = append(w.Scopes, &modulev1.ResourceScope{Action: s.Action, ResourceType: s.ResourceType, All: s.All, Allow: wireStrings(s.Allow), Deny: wireStrings(s.Deny)})
	}
	w.AllowedActions = allowsToWire(r.Allows)
	return w
}

// allowsToWire lists the allowed actions, sorted so that the message is
// deterministic; false entries are not sent.
func allowsToWire(allows map[string]bool) []string {
	var out []string
	for action, ok := range allows {
		if ok {
			out = append(out, action)
		}
	}
	slices.Sort(out)
	return out
}

// allowsFromWire is the inverse of allowsToWire; nil when nothing is
// allowed.
func allowsFromWire(actions []string) map[string]bool {
	if len(actions) == 0 {
		return nil
	}
	out := make(map[string]bool, len(actions))
	for _, a := range actions {
		out[a] = true
	}
	return out
}

func requestFromWire(w *modulev1.HandleRequest) *sdk.Request {
	c := w.GetCaller()
	r := &sdk.Request{
		RouteID: w.GetRouteId(), Method: w.GetMethod(), Path: w.GetPath(), PathParams: w.GetPathParams(),
		Query: url.Values(valuesFromWire(w.GetQuery())), Header: http.Header(valuesFromWire(w.GetHeader())),
		Body: w.GetBody(), RequestID: w.GetRequestId(), RemoteAddr: w.GetRemoteAddr(),
		Caller: sdk.Caller{UserID: c.GetUserId(), Username: c.GetUsername(), RoleIDs: c.GetRoleIds(), RunAs: c.GetRunAs()},
	}
	if r.PathParams == nil {
		r.PathParams = map[string]string{}
	}
	for _, s := range w.GetScopes() {
		r.Scopes = append(r.Scopes, sdk.ResourceScope{Action: s.GetAction(), ResourceType: s.GetResourceType(), All: s.GetAll(), Allow: s.GetAllow(), Deny: s.GetDeny()})
	}
	r.Allows = allowsFromWire(w.GetAllowedActions())
	return r
}

// errorToWire maps a handler error to a ModuleError. Non-Wazuh errors become
// Wazuh's internal error 1000 so that no raw Go error text decides a status.
func errorToWire(err error) *modulev1.ModuleError {
	var we *sdk.Error
	if !errors.As(err, &we) {
		we = sdk.NewError(1000, err.Error())
		we.HTTPStatus = http.StatusInternalServerError
	}
	return &modulev1.ModuleError{
		Code: int32(we.Code), HttpStatus: int32(we.Status()), Title: wireString(we.Title),
		Message: wireString(we.Message), Remediation: wireString(we.Remediation),
	}
}

func errorFromWire(w *modulev1.ModuleError) *sdk.Error {
	return &sdk.Error{
		Code: int(w.GetCode()), HTTPStatus: int(w.GetHttpStatus()), Title: w.GetTitle(),
		Message: w.GetMessage(), Remediation: w.GetRemediation(),
	}
}
