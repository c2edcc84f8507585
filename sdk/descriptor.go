package sdk

import "time"

// DAPI request types of Wazuh's distributed API: where an operation runs in a
// cluster.
const (
	// DAPILocalMaster runs on the master node.
	DAPILocalMaster = "local_master"
	// DAPILocalAny runs on the node that received the request.
	DAPILocalAny = "local_any"
	// DAPIDistributedMaster is forwarded by the master to the nodes owning
	// the agents or node ids, and the results are merged.
	DAPIDistributedMaster = "distributed_master"
)

// Descriptor declares everything a module contributes to the API.
type Descriptor struct {
	// Name is the module name, e.g. "agent". Route ids and actions are
	// namespaced by it.
	Name string
	// Version is the module's own version.
	Version string
	// Routes are the HTTP operations the module serves. The host refuses a
	// module whose method+path overlaps another module's route.
	Routes []Route
	// Actions are the RBAC actions the module registers; they appear in
	// GET /security/actions.
	Actions []Action
	// ResourceTypes are the RBAC resource types the module registers; they
	// appear in GET /security/resources.
	ResourceTypes []ResourceType
	// Needs are the host services the module calls. Calls outside the
	// capabilities granted by the operator are refused by the host.
	Needs Capabilities
}

// Route declares one HTTP operation.
type Route struct {
	// ID is unique and namespaced: "<module>.<verb>_<noun>".
	ID string
	// Method is the HTTP method.
	Method string
	// Path is a gorilla/mux template, e.g. "/agents/{agent_id}/key".
	Path string
	// Permissions must all pass (AND). The host substitutes path and query
	// values into each Resource template, denies the request with 403 (4000)
	// when an action is denied outright, and otherwise hands the module one
	// ResourceScope per permission to filter its results with. A route with
	// no permissions only needs a valid token (like GET /).
	Permissions []Permission
	// Summary is a one-line description.
	Summary string
	// Timeout bounds the module call; zero means the host's request_timeout.
	Timeout time.Duration
	// Stream marks routes whose bodies may exceed MaxMessageBytes; their
	// responses are sent to the host in chunks.
	Stream bool
	// DAPI is Wazuh's request type for the operation (DAPILocalMaster, ...).
	DAPI string
	// QueryParams lists accepted query parameters besides pretty and
	// wait_for_complete; any other gives Wazuh's 400 "Extra query
	// parameter(s) ... not in spec". Nil disables the check.
	QueryParams []string
	// Deprecated adds Wazuh's "Deprecated: true" response header.
	Deprecated bool
	// Public routes need no bearer token. Only the host's login routes are
	// public in Wazuh; modules should not set it.
	Public bool
	// Consumes lists accepted body media types; nil means
	// "application/json". A body without Content-Type gets Wazuh's 406
	// (6002), another type 415.
	Consumes []string
	// AllowChecks are RBAC actions the host evaluates for every caller of
	// the route, without denying anything: Request.Allows reports for each
	// whether the caller's policies hold an explicit allow for it on some
	// resource. Configuration reads declare RevealSecretsChecks() and mask
	// secrets unless Request.MayRevealSecrets. The host refuses a module
	// whose AllowChecks name an action that is neither in Wazuh's catalogue
	// nor in the module's Actions. Omitted from JSON when empty.
	AllowChecks []string `json:",omitempty"`
}

// Permission is one RBAC requirement of a route.
type Permission struct {
	// Action is the RBAC action, e.g. "agent:read".
	Action string
	// Resource is the resource template: "agent:id:{agents_list}" names the
	// path or query parameter whose values are the resource ids;
	// "agent:id:*" means every agent; "*:*:*" means resourceless.
	Resource string
	// TargetParam names the parameter holding explicit ids, when the
	// template's placeholder differs from it; usually derived from Resource.
	TargetParam string
}

// Action is an RBAC action a module registers.
type Action struct {
	// Name, e.g. "syscheck:read".
	Name string
	// Description shown by GET /security/actions.
	Description string
	// Resources the action applies to, e.g. []string{"agent:id", "agent:group"}.
	Resources []string
	// RelatedEndpoints, e.g. []string{"GET /syscheck/{agent_id}"}.
	RelatedEndpoints []string
}

// ResourceType is an RBAC resource type a module registers.
type ResourceType struct {
	// Name, e.g. "agent:id".
	Name string
	// Description shown by GET /security/resources.
	Description string
}

// Capabilities are host services a module needs or was granted.
type Capabilities struct {
	// WDB lists wazuh-db targets: "global", "agent", "task", "mitre".
	WDB []string
	// Sockets lists logical socket names: "auth", "queue", "ar", "execq".
	Sockets []string
	// Files lists root-relative directories the module may use through
	// Host.Files, e.g. "etc/shared".
	Files []string
}
