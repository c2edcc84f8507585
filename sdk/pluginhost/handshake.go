package pluginhost

import (
	"runtime"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"github.com/wazuh-go/server/sdk"
)

// ProtocolVersion is the module protocol major version (the go-plugin
// handshake version). Incompatible changes get a new major served side by
// side through PluginSets; within v1 the protocol changes additively only.
const ProtocolVersion = 1

// PluginName is the single plugin type a module binary serves.
const PluginName = "module"

// Handshake is shared by host and modules. The cookie is a UX check that the
// binary is a wazuh-go module, not a security measure (AutoMTLS and sha256
// pinning are). It must never change.
var Handshake = plugin.HandshakeConfig{
	ProtocolVersion:  ProtocolVersion,
	MagicCookieKey:   "WAZUH_MODULE_PLUGIN",
	MagicCookieValue: "6b1f6f2e-6d0a-4c57-9a43-4f3d8f3e2c51",
}

// PluginSets returns the versioned plugin sets for a module implementation
// (module side) or for dispensing clients (host side, impl nil).
func PluginSets(impl sdk.Module) map[int]plugin.PluginSet {
	return map[int]plugin.PluginSet{
		ProtocolVersion: {PluginName: &ModulePlugin{Impl: impl}},
	}
}

// GRPCServerOptions are the options both sides use for their gRPC servers:
// explicit message limits so large results fail clearly instead of at the
// 4 MiB default, and buffers that are not zeroed (see wirePool, wireCodec).
func GRPCServerOptions() []grpc.ServerOption {
	return []grpc.ServerOption{
		grpc.MaxRecvMsgSize(sdk.MaxMessageBytes),
		grpc.MaxSendMsgSize(sdk.MaxMessageBytes),
		bufferPoolServerOption(),
		codecServerOption(),
		grpc.InitialWindowSize(windowBytes),
		grpc.InitialConnWindowSize(windowBytes),
		// Workers keep their grown stacks: a goroutine per call started
		// small and spent 6% of a module's CPU copying its stack.
		grpc.NumStreamWorkers(uint32(runtime.GOMAXPROCS(0))),
	}
}

// GRPCDialOptions are the client-side call limits matching the servers',
// and the servers' codec and buffer pool.
func GRPCDialOptions() []grpc.DialOption {
	return []grpc.DialOption{grpc.WithDefaultCallOptions(
		grpc.MaxCallRecvMsgSize(sdk.MaxMessageBytes),
		grpc.MaxCallSendMsgSize(sdk.MaxMessageBytes),
		codecCallOption(),
	), bufferPoolDialOption(), grpc.WithInitialWindowSize(windowBytes), grpc.WithInitialConnWindowSize(windowBytes)}
}

// windowBytes is the fixed HTTP/2 flow-control window of module
// connections. A fixed window turns off gRPC's BDP estimator, whose PING
// round trip after received DATA frames wakes both processes once more per
// call.
const windowBytes = 4 << 20
