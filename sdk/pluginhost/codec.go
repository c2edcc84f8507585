package pluginhost

import (
	"fmt"

	"google.golang.org/grpc"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/proto"
)

// wireCodec is gRPC's protobuf codec with wirePool for its buffers. The
// stock codec takes them from gRPC's default pool, which zeroes each one up
// to its tier (1 MiB for any message over 32 KiB: every streamed wazuh-db
// page and body chunk), whatever pool the connection was given. It also
// unmarshals a message that arrived in one buffer without copying it first.
type wireCodec struct{}

// Name is the content subtype; it is the stock codec's, so either end may
// use either codec.
func (wireCodec) Name() string { return "proto" }

// Marshal encodes v into a pooled buffer.
func (wireCodec) Marshal(v any) (mem.BufferSlice, error) {
	m, ok := v.(proto.Message)
	if !ok {
		return nil, fmt.Errorf("pluginhost: cannot marshal %T", v)
	}
	size := proto.Size(m)
	opts := proto.MarshalOptions{UseCachedSize: true} // safe: Size just ran
	if mem.IsBelowBufferPoolingThreshold(size) {
		b, err := opts.Marshal(m)
		if err != nil {
			return nil, err
		}
		return mem.BufferSlice{mem.SliceBuffer(b)}, nil
	}
	buf := sharedWirePool.Get(size)
	out, err := opts.MarshalAppend((*buf)[:0], m)
	if err != nil {
		sharedWirePool.Put(buf)
		return nil, err
	}
	*buf = out
	return mem.BufferSlice{mem.NewBuffer(buf, sharedWirePool)}, nil
}

// Unmarshal decodes data into v. Bytes fields are copied, except the large
// field of an *aliasedMsg.
func (wireCodec) Unmarshal(data mem.BufferSlice, v any) error {
	if am, ok := v.(*aliasedMsg); ok {
		return am.unmarshal(data)
	}
	m, ok := v.(proto.Message)
	if !ok {
		return fmt.Errorf("pluginhost: cannot unmarshal into %T", v)
	}
	if len(data) == 1 {
		return proto.Unmarshal(data[0].ReadOnlyData(), m)
	}
	buf := data.MaterializeToBuffer(sharedWirePool)
	defer buf.Free()
	return proto.Unmarshal(buf.ReadOnlyData(), m)
}

func codecServerOption() grpc.ServerOption { return grpc.ForceServerCodecV2(wireCodec{}) }

func codecCallOption() grpc.CallOption { return grpc.ForceCodecV2(wireCodec{}) }
