package main

import (
	"net/http"
	"testing"
)

// PUT /agents/node/{node_id}/restart with the cluster enabled (the
// module's cluster_enabled setting; the host's node is node01): the active
// agents reporting to the node are restarted, the others (000 included)
// silently dropped as the "*" agent list does; cluster:read on node:id and
// agent:restart on agent:id are enforced; an unknown node is 1730.
func TestAgentsE2ENodeRestartInCluster(t *testing.T) {
	e := agStart(t, "{cluster_enabled: true}")
	for _, n := range []string{"web01", "web02", "web03", "web04"} {
		e.register(t, n)
	}
	e.connect(t, "Wazuh v4.14.7", "1", "2", "4")
	e.sql(t, "UPDATE agent SET node_name = 'node01' WHERE id IN (0,1,2,3)")
	e.sql(t, "UPDATE agent SET node_name = 'worker1' WHERE id = 4")
	tok := e.users(t, map[string][]agPolicy{
		"nodeop":    {agAllow("cluster:read", "node:id:node01"), agAllow("agent:restart", "agent:id:002")},
		"nocluster": {agAllow("agent:restart", "agent:id:*")},
		"noagents":  {agAllow("cluster:read", "node:id:*")},
	})
	put := http.MethodPut
	sent, none := "Restart command was sent to all agents", "Restart command was not sent to any agent"
	e.agSteps(t, []agStep{
		{put, "/agents/node/node01/restart", e.admin, "200 error=0 total=2 items=[001 002] failed=[] " + sent, []string{agRestartMsg("001"), agRestartMsg("002")}},
		{put, "/agents/node/node01/restart", tok["nodeop"], "200 error=0 total=1 items=[002] failed=[] " + sent, []string{agRestartMsg("002")}},
		{put, "/agents/node/node01/restart", tok["noagents"], "200 error=0 total=0 items=[] failed=[] " + none, nil},
		{put, "/agents/node/node01/restart", tok["nocluster"], "403 4000 Permission denied: Resource type: node:id dapi", nil},
		{put, "/agents/node/worker9/restart", e.admin, "404 1730 Node does not exist dapi", nil},
		{put, "/agents/node/node%2301/restart", e.admin, "400 0 'node#01' is not a 'names'. Failed validating 'format' in schema: {'type': 'string', 'format': 'names'}. On instance: 'node#01'", nil},
		{put, "/agents/node/node01/restart?agents_list=001", e.admin, "400 0 Extra query parameter(s) agents_list not in spec", nil},
	})
}
