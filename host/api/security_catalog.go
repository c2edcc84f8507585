package api

import (
	"bytes"
	"slices"

	"github.com/wazuh-go/server/sdk"
)

// catalogResource is one RBAC resource type.
type catalogResource struct {
	Name        string
	Description string
}

// catalogExample is an action's example policy, as the spec shows it.
type catalogExample struct {
	Actions   []string `json:"actions"`
	Resources []string `json:"resources"`
	Effect    string   `json:"effect"`
}

// catalogAction is one RBAC action of the catalogue.
type catalogAction struct {
	Name        string
	Description string
	Resources   []string
	Example     catalogExample
	// related are the endpoints a module declared for an action none of
	// its routes requires.
	related []string
}

// catalogEndpoint is one operation ("METHOD /path") with its actions.
type catalogEndpoint struct {
	Name    string
	Actions []string
}

// securityCatalog is what GET /security/actions and /security/resources
// serve: Wazuh's catalogue followed by what enabled modules register.
type securityCatalog struct {
	resources []catalogResource
	actions   []catalogAction
	endpoints []catalogEndpoint
}

// buildCatalog merges Wazuh's catalogue with the modules' actions,
// resource types and routes. Entries Wazuh already defines keep Wazuh's
// text; module routes that implement Wazuh endpoints add nothing.
func buildCatalog(modules []ModuleRoutes) *securityCatalog {
	c := &securityCatalog{
		resources: slices.Clone(wazuhResources),
		actions:   slices.Clone(wazuhActions),
		endpoints: slices.Clone(wazuhEndpoints),
	}
	for _, m := range modules {
		for _, rt := range m.ResourceTypes {
			if !slices.ContainsFunc(c.resources, func(r catalogResource) bool { return r.Name == rt.Name }) {
				c.resources = append(c.resources, catalogResource{Name: rt.Name, Description: rt.Description})
			}
		}
		for _, a := range m.Actions {
			if c.action(a.Name) == nil {
				c.actions = append(c.actions, moduleAction(a))
			}
		}
		for _, r := range m.Routes {
			name := r.Method + " " + r.Path
			if slices.ContainsFunc(c.endpoints, func(e catalogEndpoint) bool { return e.Name == name }) {
				continue
			}
			var acts []string
			for _, p := range r.Permissions {
				if !slices.Contains(acts, p.Action) {
					acts = append(acts, p.Action)
				}
			}
			c.endpoints = append(c.endpoints, catalogEndpoint{Name: name, Actions: acts})
		}
	}
	return c
}

// moduleAction turns a module's declared action into a catalogue entry
// with a generated example (allow on every resource of its first type).
func moduleAction(a sdk.Action) catalogAction {
	res := slices.Clone(a.Resources)
	if len(res) == 0 {
		res = []string{"*:*"}
	}
	example := res[0] + ":*"
	if res[0] == "*:*" {
		example = "*:*:*"
	}
	return catalogAction{Name: a.Name, Description: a.Description, Resources: res, related: a.RelatedEndpoints,
		Example: catalogExample{Actions: []string{a.Name}, Resources: []string{example}, Effect: "allow"}}
}

func (c *securityCatalog) action(name string) *catalogAction {
	for i := range c.actions {
		if c.actions[i].Name == name {
			return &c.actions[i]
		}
	}
	return nil
}

// endpointNames lists every "METHOD /path", in order.
func (c *securityCatalog) endpointNames() []string {
	out := make([]string, len(c.endpoints))
	for i, e := range c.endpoints {
		out[i] = e.Name
	}
	return out
}

// jsonObject is a JSON object with ordered keys.
type jsonObject []jsonField

type jsonField struct {
	key   string
	value any
}

// MarshalJSON implements json.Marshaler.
func (o jsonObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshalPlain(f.key)
		if err != nil {
			return nil, err
		}
		v, err := marshalPlain(f.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
