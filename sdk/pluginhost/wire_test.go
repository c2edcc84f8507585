package pluginhost

import (
	"bytes"
	"net/http"
	"testing"

	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/proto"

	hostv1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/host/v1"
	modulev1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/module/v1"
)

func TestWirePool(t *testing.T) {
	p := &wirePool{}
	for _, n := range []int{1, 4096, 4097, 65536, 70000, 1 << 22} {
		b := p.Get(n)
		if len(*b) != n || cap(*b) < n || cap(*b)&(cap(*b)-1) != 0 {
			t.Errorf("Get(%d): len %d cap %d", n, len(*b), cap(*b))
		}
		p.Put(b)
	}
	if b := p.Get(5 << 20); len(*b) != 5<<20 {
		t.Errorf("Get beyond the tiers: len %d", len(*b))
	}
	small := make([]byte, 10)
	p.Put(&small) // too small to keep: ignored
}

// split cuts b into a BufferSlice of n-byte buffers, as gRPC hands a
// message received in several frames.
func split(b []byte, n int) mem.BufferSlice {
	var s mem.BufferSlice
	for len(b) > 0 {
		k := min(n, len(b))
		s = append(s, mem.SliceBuffer(bytes.Clone(b[:k])))
		b = b[k:]
	}
	return s
}

func TestWireCodecRoundTrip(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789"), 20000)
	in := &modulev1.HandleResponse{Status: 201, Header: valuesToWire(http.Header{"Content-Type": {"application/json"}}), Body: body}
	data, err := wireCodec{}.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	wire := data.Materialize()
	data.Free()
	for _, chunk := range []int{len(wire), 16384, 1000} {
		out := &modulev1.HandleResponse{}
		if err := (wireCodec{}).Unmarshal(split(wire, chunk), out); err != nil || !proto.Equal(in, out) {
			t.Fatalf("chunks of %d: %v", chunk, err)
		}
		am := &aliasedMsg{field: bodyField, msg: &modulev1.HandleResponse{}}
		if err := (wireCodec{}).Unmarshal(split(wire, chunk), am); err != nil {
			t.Fatal(err)
		}
		got := am.msg.(*modulev1.HandleResponse)
		if !bytes.Equal(am.big, body) || got.GetStatus() != 201 || len(got.GetBody()) != 0 ||
			got.GetHeader()["Content-Type"].GetValues()[0] != "application/json" {
			t.Fatalf("aliased, chunks of %d: status %d, %d body bytes, header %v", chunk, got.GetStatus(), len(am.big), got.GetHeader())
		}
		am.release()
		if am.big != nil || am.buf != nil {
			t.Fatal("release kept the buffer")
		}
	}
}

func TestAliasedMsgWithoutPayload(t *testing.T) {
	in := &hostv1.QueryWDBResponse{Error: &hostv1.HostError{Code: 2003, Message: "boom"}}
	wire, err := proto.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	am := &aliasedMsg{field: payloadField, msg: &hostv1.QueryWDBResponse{}}
	if err := (wireCodec{}).Unmarshal(split(wire, 3), am); err != nil {
		t.Fatal(err)
	}
	if am.big != nil || am.buf != nil || am.msg.(*hostv1.QueryWDBResponse).GetError().GetCode() != 2003 {
		t.Fatalf("decoded %v, big %q", am.msg, am.big)
	}
	if err := (wireCodec{}).Unmarshal(mem.BufferSlice{mem.SliceBuffer([]byte{0xff})}, am); err == nil {
		t.Fatal("malformed message accepted")
	}
}
