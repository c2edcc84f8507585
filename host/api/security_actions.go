package api

import (
	"slices"
	"strings"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pyjson"
	"github.com/wazuh-go/server/sdk/query"
)

// Quirk kept: Wazuh decorates get_rbac_actions and get_rbac_resources with
// security:read_config, but the controllers pass no RBAC context, so any
// valid token may call them. These routes therefore declare no permission.

// actionInfo is one action of GET /security/actions.
type actionInfo struct {
	Description      string         `json:"description"`
	Resources        []string       `json:"resources"`
	Example          catalogExample `json:"example"`
	RelatedEndpoints []string       `json:"related_endpoints"`
}

// getActions serves GET /security/actions[?endpoint=METHOD /path]: the
// actions in order of first use by an endpoint (spec order), each with the
// endpoints that use it. An unknown endpoint is 400 (4020) listing them all.
func (s *Server) getActions(c *secCall) (any, error) {
	cat := s.catalog.Load()
	endpoint, filter := query.LastValue(c.q, "endpoint")
	filter = filter && endpoint != ""
	if filter && !slices.ContainsFunc(cat.endpoints, func(e catalogEndpoint) bool { return e.Name == endpoint }) {
		return nil, sdk.NewError(4020).WithRemediation(pyList(cat.endpointNames()))
	}
	var names []string
	infos := map[string]*actionInfo{}
	add := func(a *catalogAction) *actionInfo {
		info, ok := infos[a.Name]
		if !ok {
			info = &actionInfo{Description: a.Description, Resources: a.Resources, Example: a.Example, RelatedEndpoints: []string{}}
			infos[a.Name] = info
			names = append(names, a.Name)
		}
		return info
	}
	for _, e := range cat.endpoints {
		for _, name := range e.Actions {
			if a := cat.action(name); a != nil {
				info := add(a)
				info.RelatedEndpoints = append(info.RelatedEndpoints, e.Name)
			}
		}
	}
	for i := range cat.actions {
		a := &cat.actions[i]
		if _, used := infos[a.Name]; !used && len(a.related) > 0 {
			add(a).RelatedEndpoints = slices.Clone(a.related)
		}
	}
	data := jsonObject{}
	for _, name := range names {
		info := infos[name]
		if filter && !slices.Contains(info.RelatedEndpoints, endpoint) {
			continue
		}
		data = append(data, jsonField{name, info})
	}
	return sdk.WazuhResult{Data: data}, nil
}

// wazuhResourceEnum is the spec's enum for the resource parameter. Quirk
// kept: it lacks "rule:id", so ?resource=rule:id is a 400.
var wazuhResourceEnum = []string{"*:*", "agent:group", "agent:id", "group:id", "node:id", "decoder:file", "list:file", "rule:file", "policy:id", "role:id", "user:id"}

// parseResource validates GET /security/resources' resource parameter: a
// lower-cased enum of the resource types.
func (s *Server) parseResource(c *secCall) *sdk.Error {
	v, ok := query.LastValue(c.q, "resource")
	if !ok {
		return nil
	}
	v = strings.ToLower(v)
	names := slices.Clone(wazuhResourceEnum)
	for _, r := range s.catalog.Load().resources[len(wazuhResources):] {
		names = append(names, r.Name)
	}
	if !slices.Contains(names, v) {
		return sdk.BadRequest(pyjson.StrRepr(v) + " is not one of " + pyList(names) + ". Failed validating 'enum' in schema: {'type': 'string', 'enum': " +
			pyList(names) + "}. On instance: " + pyjson.StrRepr(v))
	}
	c.val = v
	return nil
}

// getResources serves GET /security/resources[?resource=type].
func (s *Server) getResources(c *secCall) (any, error) {
	only, _ := c.val.(string)
	data := jsonObject{}
	for _, r := range s.catalog.Load().resources {
		if only == "" || r.Name == only {
			data = append(data, jsonField{r.Name, map[string]string{"description": r.Description}})
		}
	}
	return sdk.WazuhResult{Data: data}, nil
}
