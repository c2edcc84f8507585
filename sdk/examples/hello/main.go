// Command hello is the example module of the module author guide
// (sdk/README.md). It serves GET /example/hello through the host.
package main

import "github.com/wazuh-go/server/sdk/plugin"

func main() {
	plugin.Serve(New())
}
