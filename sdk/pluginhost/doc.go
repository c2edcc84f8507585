// Package pluginhost is the go-plugin glue between the host and a module:
// the versioned handshake, the GRPCPlugin implementation, the ModuleService
// server that wraps an sdk.Module inside the module process, the client the
// host uses to call it, and the HostService server and client that carry the
// module's callbacks over one long-lived broker connection.
//
// Module authors do not use this package directly: they call plugin.Serve.
// The host uses Handshake, PluginSets and Client. Neither side ever sees
// protobuf types; they stay in sdk/internal/wire.
package pluginhost
