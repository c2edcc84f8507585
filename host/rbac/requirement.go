package rbac

import "strings"

// ResourcelessType is the resource type of actions without resources.
const ResourcelessType = "*:*"

// Requirement is one permission a request needs, with concrete values: one
// expose_resources (action, resource template) pair after substituting the
// request's parameters.
type Requirement struct {
	// Action is the RBAC action, e.g. "agent:read".
	Action string
	// ResourceType is the resource type, e.g. "agent:id", "*:*" for
	// resourceless actions, or "a:b&c:d" for a combined resource.
	ResourceType string
	// IDs are the explicitly requested ids (for a combined type, "v1&v2").
	// Nil (or ["*"]) means the caller lists every resource of the type:
	// denied resources are then filtered out and never cause a 403.
	IDs []string
}

// Resourceless returns the requirement of a resourceless action (*:*:*).
func Resourceless(action string) Requirement {
	return Requirement{Action: action, ResourceType: ResourcelessType}
}

// ListAll returns a requirement on every resource of a type (type:*).
func ListAll(action, resourceType string) Requirement {
	return Requirement{Action: action, ResourceType: resourceType}
}

// ForIDs returns a requirement on explicit ids of a type.
func ForIDs(action, resourceType string, ids ...string) Requirement {
	if ids == nil {
		ids = []string{}
	}
	return Requirement{Action: action, ResourceType: resourceType, IDs: ids}
}

// ParseResource splits a concrete resource such as "user:id:5",
// "agent:group:web", "*:*:*" or "a:b:1&c:d:2" into its type and value.
func ParseResource(resource string) (resourceType, value string) {
	if resource == "*" || resource == "*:*:*" {
		return ResourcelessType, "*"
	}
	parts := strings.Split(resource, "&")
	types := make([]string, len(parts))
	values := make([]string, len(parts))
	for i, p := range parts {
		cut := strings.LastIndexByte(p, ':')
		if cut < 0 {
			types[i], values[i] = p, ""
			continue
		}
		types[i], values[i] = p[:cut], p[cut+1:]
	}
	return strings.Join(types, "&"), strings.Join(values, "&")
}

// normalized returns the requirement with "*:*:*" as "*:*" and ["*"] as a
// listing.
func (r Requirement) normalized() Requirement {
	if r.ResourceType == "*:*:*" {
		r.ResourceType = ResourcelessType
	}
	if len(r.IDs) == 1 && r.IDs[0] == "*" {
		r.IDs = nil
	}
	return r
}

// listing reports whether the requirement lists all resources.
func (r Requirement) listing() bool {
	return r.IDs == nil
}
