package rbac

import (
	"encoding/json"
	"time"
)

// MaxReservedID is the highest id of Wazuh's default and protected
// resources (MAX_ID_RESERVED). Users, roles, policies and rules with an id
// at or below it cannot be modified or deleted through the API.
const MaxReservedID = 99

// Default user ids.
const (
	// WazuhUserID is the id of the default "wazuh" user.
	WazuhUserID = 1
	// WazuhWUIUserID is the id of "wazuh-wui", the only user for which the
	// default run_as rules (id ≤ MaxReservedID) are evaluated.
	WazuhWUIUserID = 2
)

// User is a user as the API shows it: {id, username, allow_run_as, roles}.
// Roles are ordered by position (user_roles.level).
type User struct {
	ID         int       `json:"id"`
	Username   string    `json:"username"`
	AllowRunAs bool      `json:"allow_run_as"`
	Roles      []int     `json:"roles"`
	CreatedAt  time.Time `json:"-"`
}

// Role is a role as the API shows it: {id, name, policies, users, rules}.
// Policies are ordered by position (roles_policies.level).
type Role struct {
	ID        int       `json:"id"`
	Name      string    `json:"name"`
	Policies  []int     `json:"policies"`
	Users     []int     `json:"users"`
	Rules     []int     `json:"rules"`
	CreatedAt time.Time `json:"-"`
}

// Policy is a policy as the API shows it: {id, name, policy, roles}. Policy
// holds the stored JSON body with its key order.
type Policy struct {
	ID        int             `json:"id"`
	Name      string          `json:"name"`
	Policy    json.RawMessage `json:"policy"`
	Roles     []int           `json:"roles"`
	CreatedAt time.Time       `json:"-"`
}

// Rule is a security rule as the API shows it: {id, name, rule, roles}.
type Rule struct {
	ID        int             `json:"id"`
	Name      string          `json:"name"`
	Rule      json.RawMessage `json:"rule"`
	Roles     []int           `json:"roles"`
	CreatedAt time.Time       `json:"-"`
}

// RoleDetail is a role with its policies and rules expanded, the shape of
// the roles inside GET /security/users/me.
type RoleDetail struct {
	ID       int      `json:"id"`
	Name     string   `json:"name"`
	Policies []Policy `json:"policies"`
	Rules    []Rule   `json:"rules"`
}

// rawJSON returns text as a RawMessage when it is valid JSON, else null, so
// a damaged row cannot break the encoding of a whole response.
func rawJSON(text string) json.RawMessage {
	if json.Valid([]byte(text)) {
		return json.RawMessage(text)
	}
	return json.RawMessage("null")
}
