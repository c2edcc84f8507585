package sdk

import "net/http"

// Agent, group and upgrade error codes (api-surface.md §6, Wazuh 4.14
// framework/wazuh/core/exception.py). They live in the sdk because both the
// host (embedded authd) and the agent module raise them, and a module only
// links the sdk's catalogue.
//
// Status is the class Wazuh raises the code with at its usual call site;
// inside failed_items the status is irrelevant, and single-resource routes
// override it with WithStatus where Wazuh uses another class.
func init() {
	const (
		docs        = "https://documentation.wazuh.com/4.14/user-manual"
		agentsRem   = "Please, use `GET /agents?select=id,name` to find all available agents"
		groupingRem = "Please, visit the official documentation (" + docs + "/agents/grouping-agents.html)" +
			"to get more information"
	)
	RegisterErrors(map[int]ErrorInfo{
		1701: {Message: "Agent does not exist", Remediation: agentsRem, Status: http.StatusNotFound},
		1703: {
			Message:     "Action not available for Manager (agent 000)",
			Remediation: "Please, use `GET /agents?select=id,name` to find all available agents and make sure you select an agent other than 000",
			Status:      http.StatusBadRequest,
		},
		1705: {Message: "There is an agent with the same name",
			Remediation: "Please choose another name", Status: http.StatusBadRequest},
		1706: {Message: "There is an agent with the same IP or the IP is invalid",
			Remediation: "Please choose another IP", Status: http.StatusBadRequest},
		1707: {
			Message: "Cannot send request, agent is not active",
			Remediation: "Please, check non-active agents connection and try again. Visit " + docs +
				"/registering/index.html and " + docs + "/agents/agent-connection.html to obtain more information " +
				"on registering and connecting agents",
			Status: http.StatusBadRequest,
		},
		1708: {Message: "There is an agent with the same ID",
			Remediation: "Please choose another ID", Status: http.StatusBadRequest},
		1709: {Message: "Too short key size",
			Remediation: "The key must be at least 64 characters long", Status: http.StatusBadRequest},
		1710: {Message: "The group does not exist",
			Remediation: "Please, use `GET /agents/groups` to find all available groups", Status: http.StatusNotFound},
		1711: {Message: "The group already exists",
			Remediation: "Please, use another group ID", Status: http.StatusBadRequest},
		1712: {Message: "Default group is not deletable", Remediation: groupingRem, Status: http.StatusBadRequest},
		1713: {Message: "Invalid group ID. Some IDs are restricted for internal purposes",
			Remediation: "Please, use another group ID", Status: http.StatusBadRequest},
		1722: {Message: "Incorrect format for group_id",
			Remediation: "Characters supported  a-z, A-Z, 0-9, ., _ and -. Max length is 255",
			Status:      http.StatusBadRequest},
		1723: {Message: "Hash algorithm not available",
			Remediation: "Please, use one of the following algorithms: md5, sha1, sha224, sha256, sha384, sha512, " +
				"blake2b, blake2s, sha3_224, sha3_256, sha3_384, sha3_512",
			Status: http.StatusBadRequest},
		1725: {Message: "Error registering a new agent", Status: http.StatusInternalServerError},
		1726: {Message: "Wazuh authd is not running",
			Remediation: "Please, visit the official documentation (https://documentation.wazuh.com/4.14/user-manual/reference/daemons/wazuh-authd.html) to get more information about `authd`",
			Status:      http.StatusBadRequest},
		1727: {Message: "Error listing group files", Status: http.StatusInternalServerError},
		1730: {Message: "Node does not exist",
			Remediation: "Make sure the name is correct and that the node is up. You can check it using `GET /cluster/nodes`",
			Status:      http.StatusNotFound},
		1731: {Message: "Agent is not eligible for the action to be performed", Status: http.StatusBadRequest},
		1734: {Message: "Error removing agent from group",
			Remediation: "Agent does not belong to specified group, to assign the agent to a group follow: " +
				docs + "/agents/grouping-agents.html",
			Status: http.StatusBadRequest},
		1735: {Message: "Agent version is not compatible with this feature",
			Remediation: "Please update the agent, in case the problem persists contact us at: https://github.com/wazuh/wazuh/issues",
			Status:      http.StatusBadRequest},
		1737: {Message: "Maximum number of groups per multigroup is 128",
			Remediation: "Please choose another group or remove an agent from the target group",
			Status:      http.StatusBadRequest},
		1738: {Message: "Agent name is too long",
			Remediation: "Max length allowed for agent name is 128", Status: http.StatusBadRequest},
		1740: {Message: "Action only available for active agents",
			Remediation: "Please activate the agent to synchronize it", Status: http.StatusBadRequest},
		1745: {Message: "Agent only belongs to 'default' and it cannot be unassigned from this group",
			Status: http.StatusBadRequest},
		1751: {Message: "Agent is already assigned to the specified group", Status: http.StatusBadRequest},
		1752: {Message: "Could not force single group for the agent", Status: http.StatusBadRequest},
		1757: {Message: "Error deleting an agent", Status: http.StatusInternalServerError},
		// Upgrade module codes are raised with cmd_error: the failed item
		// shows the module's own message and no remediation. The entries
		// hold the module's messages for the codes the API produces.
		1810: {Message: "Upgrade module's reserved exception IDs (1810-1899). The error message will be the output of upgrade module",
			Status: http.StatusBadRequest},
		1813: {Message: "No task in DB", Status: http.StatusBadRequest},
		1820: {Message: "Agent is not active", Status: http.StatusBadRequest},
		1822: {Message: "The repository is not reachable", Status: http.StatusBadRequest},
	})
}
