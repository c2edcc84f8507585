package main

import (
	"net/http"
	"testing"
)

// GET /tasks/status through the host (api-surface.md §1.6): tasks.db
// rows as the upgrade module writes them, agent_id padded, dates as
// "%Y-%m-%dT%H:%M:%SZ", NULL error_message omitted; task:status on
// *:*:* (tasker holds Wazuh's default task_status_task policy, noperm has
// no roles). The operation has no failed items: ids that match nothing are
// simply not returned.
func TestTasksStatusThroughHost(t *testing.T) {
	e := grStart(t)
	e.grWDB(t, "task sql INSERT INTO tasks (agent_id, node, module, command, create_time, last_update_time, status, error_message) VALUES "+
		"(1, 'node01', 'upgrade_module', 'upgrade', 1700000000, 1700000100, 'Done', NULL), "+
		"(2, 'node01', 'upgrade_module', 'upgrade', 1700000200, 1700000300, 'Failed', 'The repository is not reachable'), "+
		"(3, 'worker2', 'upgrade_module', 'upgrade_custom', 1700000400, 1700000400, 'In progress', NULL)")
	tok := e.grUsers(t, map[string][]grPolicy{"tasker": {grAllow("task:status", "*:*:*")}, "noperm": nil})
	t1 := `{"task_id": 1, "agent_id": "001", "node": "node01", "module": "upgrade_module", "command": "upgrade", ` +
		`"create_time": "2023-11-14T22:13:20Z", "last_update_time": "2023-11-14T22:15:00Z", "status": "Done"}`
	t2 := `{"task_id": 2, "agent_id": "002", "node": "node01", "module": "upgrade_module", "command": "upgrade", ` +
		`"create_time": "2023-11-14T22:16:40Z", "last_update_time": "2023-11-14T22:18:20Z", "status": "Failed", ` +
		`"error_message": "The repository is not reachable"}`
	t3 := `{"task_id": 3, "agent_id": "003", "node": "worker2", "module": "upgrade_module", "command": "upgrade_custom", ` +
		`"create_time": "2023-11-14T22:20:00Z", "last_update_time": "2023-11-14T22:20:00Z", "status": "In progress"}`
	const all, none = "All specified task's status were returned", "No status was returned"
	get := http.MethodGet
	e.grRun(t, []grCase{
		{name: "every task", method: get, path: "/tasks/status", token: e.admin, status: 200, want: grItems(t1+", "+t2+", "+t3, 3, "", 0, all, 0)},
		{name: "task:status holder", method: get, path: "/tasks/status?limit=1", token: tok["tasker"], status: 200, want: grItems(t1, 3, "", 0, all, 0)},
		{name: "agents_list", method: get, path: "/tasks/status?agents_list=002,999", token: e.admin, status: 200, want: grItems(t2, 1, "", 0, all, 0)},
		{name: "no match", method: get, path: "/tasks/status?agents_list=999", token: e.admin, status: 200, want: grItems("", 0, "", 0, none, 0)},
		{name: "tasks_list and sort", method: get, path: "/tasks/status?tasks_list=1,3&sort=-task_id&select=status", token: e.admin, status: 200,
			want: grItems(`{"task_id": 3, "status": "In progress"}, {"task_id": 1, "status": "Done"}`, 2, "", 0, all, 0)},
		{name: "status is lower-cased, matched without case", method: get, path: "/tasks/status?status=DONE", token: e.admin, status: 200,
			want: grItems(t1, 1, "", 0, all, 0)},
		{name: "status with a space", method: get, path: "/tasks/status?status=in%20progress", token: e.admin, status: 200,
			want: grItems(t3, 1, "", 0, all, 0)},
		{name: "command", method: get, path: "/tasks/status?command=upgrade_custom", token: e.admin, status: 200, want: grItems(t3, 1, "", 0, all, 0)},
		{name: "node and module", method: get, path: "/tasks/status?node=node01&module=upgrade_module&select=node", token: e.admin, status: 200,
			want: grItems(`{"task_id": 1, "node": "node01"}, {"task_id": 2, "node": "node01"}`, 2, "", 0, all, 0)},
		{name: "q on a date", method: get, path: "/tasks/status?q=last_update_time%3E2023-11-14T22:15:00Z&select=task_id", token: e.admin,
			status: 200, want: grItems(`{"task_id": 2}, {"task_id": 3}`, 2, "", 0, all, 0)},
		{name: "search", method: get, path: "/tasks/status?search=reachable&select=status", token: e.admin, status: 200,
			want: grItems(`{"task_id": 2, "status": "Failed"}`, 1, "", 0, all, 0)},
		// The message follows total_affected_items, not the page.
		{name: "offset past the end", method: get, path: "/tasks/status?offset=10", token: e.admin, status: 200,
			want: grItems("", 3, "", 0, all, 0)},
		{name: "no roles", method: get, path: "/tasks/status", token: tok["noperm"], status: 403, want: grDenied("*:*")},
		{name: "agent id length", method: get, path: "/tasks/status?agents_list=1", token: e.admin, status: 400,
			want: grBad("'1' is too short. Failed validating 'minLength'")},
		{name: "task id format", method: get, path: "/tasks/status?tasks_list=x", token: e.admin, status: 400,
			want: grBad("'x' is not a 'numbers'. Failed validating 'format'")},
		{name: "module format", method: get, path: "/tasks/status?module=a/b", token: e.admin, status: 400,
			want: grBad("'a/b' is not a 'alphanumeric'. Failed validating 'format'")},
		{name: "select field", method: get, path: "/tasks/status?select=bogus", token: e.admin, status: 400,
			want: grBad("Not a valid select field: Allowed select fields: agent_id, command, create_time, error_message, last_update_time, module, node, status, task_id. Fields: bogus")},
		{name: "sort field", method: get, path: "/tasks/status?sort=%2Bbogus", token: e.admin, status: 400,
			want: grBad("Not a valid sort field: Allowed sort fields: agent_id, command, create_time, error_message, last_update_time, module, node, status, task_id. Fields: bogus")},
		{name: "q field", method: get, path: "/tasks/status?q=bogus%3D1", token: e.admin, status: 400,
			want: grBad("Field does not exist: Available fields: agent_id, command, create_time, error_message, last_update_time, module, node, status, task_id. Field: bogus")},
		{name: "q operator", method: get, path: "/tasks/status?q=task_id%3C%3D2", token: e.admin, status: 400,
			want: grBad("Invalid query operator: Valid operators: =, !=, <, >, ~. Used operator: <=")},
		{name: "limit", method: get, path: "/tasks/status?limit=0", token: e.admin, status: 400,
			want: grBad("0 is less than the minimum of 1. Failed validating 'minimum'")},
		{name: "no distinct", method: get, path: "/tasks/status?distinct=true", token: e.admin, status: 400, want: grExtra("distinct")},
	})
}
