package pluginhost

import (
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	hostv1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/host/v1"
	modulev1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/module/v1"
)

// Field numbers of the large bytes fields received without a copy.
var (
	bodyField    = fieldNumber(&modulev1.HandleResponse{}, "body")
	payloadField = fieldNumber(&hostv1.QueryWDBResponse{}, "payload")
)

func fieldNumber(m proto.Message, name protoreflect.Name) protowire.Number {
	return m.ProtoReflect().Descriptor().Fields().ByName(name).Number()
}

// aliasedMsg is received (with RecvMsg on a call made with wireCodec, see
// codecCallOption) in place of a
// message whose one large bytes field, a body chunk or a wazuh-db page, is
// left in the receive buffer instead of being copied out: big aliases that
// buffer until release. The other fields are decoded into msg, whose own
// copy of the field stays empty.
type aliasedMsg struct {
	field protowire.Number
	msg   proto.Message
	big   []byte
	buf   mem.Buffer
	rest  []byte
}

// release frees the buffer big refers to.
func (m *aliasedMsg) release() {
	if m.buf != nil {
		m.buf.Free()
		m.buf = nil
	}
	m.big = nil
}

// unmarshal decodes data into m.
func (m *aliasedMsg) unmarshal(data mem.BufferSlice) error {
	m.release()
	buf := data.MaterializeToBuffer(sharedWirePool)
	b := buf.ReadOnlyData()
	m.rest = m.rest[:0]
	var big []byte
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			buf.Free()
			return protowire.ParseError(n)
		}
		if num == m.field && typ == protowire.BytesType {
			v, k := protowire.ConsumeBytes(b[n:])
			if k < 0 {
				buf.Free()
				return protowire.ParseError(k)
			}
			big, b = v, b[n+k:]
			continue
		}
		k := protowire.ConsumeFieldValue(num, typ, b[n:])
		if k < 0 {
			buf.Free()
			return protowire.ParseError(k)
		}
		m.rest, b = append(m.rest, b[:n+k]...), b[n+k:]
	}
	if err := proto.Unmarshal(m.rest, m.msg); err != nil {
		buf.Free()
		return err
	}
	if big == nil {
		buf.Free()
		return nil
	}
	m.big, m.buf = big, buf
	return nil
}
