// Command agent is the wazuh-go agent module (wazuh-module-agent): Wazuh's
// /agents, /groups, /overview/agents and /tasks/status operations, served
// through the host over the sdk.
package main

import "github.com/wazuh-go/server/sdk/plugin"

func main() {
	plugin.Serve(New())
}
