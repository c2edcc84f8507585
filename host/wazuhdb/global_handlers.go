package wazuhdb

import "context"

// globalHandler is one "global <query>" command.
type globalHandler struct {
	// needsArgs makes a missing argument a syntax error.
	needsArgs bool
	// write marks commands that modify the database (they close the
	// connection's open cursor first).
	write bool
	run   func(s *Server, ctx context.Context, d *database, args string) []byte
}

// globalHandlers maps the global sub-commands the embedded server answers.
// Others (backup, vacuum, get_fragmentation, sleep, get-all-agents context,
// sync-agent-info-set...) get wazuh-db's syntax error.
var globalHandlers = map[string]globalHandler{
	"insert-agent":                    {needsArgs: true, write: true, run: (*Server).insertAgent},
	"update-agent-name":               {needsArgs: true, write: true, run: (*Server).updateAgentName},
	"update-agent-data":               {needsArgs: true, write: true, run: (*Server).updateAgentData},
	"update-keepalive":                {needsArgs: true, write: true, run: (*Server).updateKeepalive},
	"update-connection-status":        {needsArgs: true, write: true, run: (*Server).updateConnectionStatus},
	"update-status-code":              {needsArgs: true, write: true, run: (*Server).updateStatusCode},
	"delete-agent":                    {needsArgs: true, write: true, run: (*Server).deleteAgent},
	"select-agent-name":               {needsArgs: true, run: selectByID("SELECT name FROM agent WHERE id = ?", "Error getting agent name from global.db.")},
	"select-agent-group":              {needsArgs: true, run: selectByID("SELECT `group` FROM agent WHERE id = ?", "Error getting agent group from global.db.")},
	"get-agent-info":                  {needsArgs: true, run: selectByID("SELECT * FROM agent WHERE id = ?", "Error getting agent information from global.db.")},
	"get-labels":                      {needsArgs: true, run: selectByID("SELECT * FROM labels WHERE id = ?", "Error getting agent labels from global.db.")},
	"set-labels":                      {needsArgs: true, write: true, run: (*Server).setLabels},
	"find-agent":                      {needsArgs: true, run: (*Server).findAgent},
	"get-all-agents":                  {needsArgs: true, run: (*Server).getAllAgents},
	"get-agents-by-connection-status": {needsArgs: true, run: (*Server).getAgentsByConnectionStatus},
	"disconnect-agents":               {needsArgs: true, write: true, run: (*Server).disconnectAgents},
	"reset-agents-connection":         {needsArgs: true, write: true, run: (*Server).resetAgentsConnection},
	"get-distinct-groups":             {run: (*Server).getDistinctGroups},
	"find-group":                      {needsArgs: true, run: (*Server).findGroup},
	"insert-agent-group":              {needsArgs: true, write: true, run: (*Server).insertAgentGroup},
	"select-groups":                   {run: (*Server).selectGroups},
	"select-group-belong":             {needsArgs: true, run: (*Server).selectGroupBelong},
	"get-group-agents":                {needsArgs: true, run: (*Server).getGroupAgents},
	"delete-group":                    {needsArgs: true, write: true, run: (*Server).deleteGroup},
	"set-agent-groups":                {needsArgs: true, write: true, run: (*Server).setAgentGroups},
	"sync-agent-groups-get":           {needsArgs: true, write: true, run: (*Server).syncAgentGroupsGet},
	"sync-agent-info-get":             {write: true, run: (*Server).syncAgentInfoGet},
	"recalculate-agent-group-hashes":  {write: true, run: (*Server).recalculateGroupHashes},
	"get-groups-integrity":            {needsArgs: true, run: (*Server).getGroupsIntegrity},
}

// selectByID answers "<query> <id>" with the rows of query (one bound id,
// parsed with atoi as wazuh-db does) or failMsg.
func selectByID(query, failMsg string) func(*Server, context.Context, *database, string) []byte {
	return func(_ *Server, ctx context.Context, d *database, args string) []byte {
		out, _, err := appendQueryJSON(ctx, d.db, []byte("ok "), maxReply, query, atoi(args))
		if err != nil {
			return errReply(failMsg)
		}
		return out
	}
}
