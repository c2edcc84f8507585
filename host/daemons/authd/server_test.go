package authd

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wazuh-go/server/host/socket"
)

func TestMalformedRequests(t *testing.T) {
	root := testRoot(t)
	_, path := startServer(t, root, nil)
	cases := []struct{ body, want string }{
		{`not json`, `{"error":9002,"message":"Parsing JSON input"}`},
		{`{"function":`, `{"error":9002,"message":"Parsing JSON input"}`},
		{`[1,2]`, `{"error":9002,"message":"Parsing JSON input"}`},
		{`{}`, `{"error":9003,"message":"No such function"}`},
		{`{"function":42}`, `{"error":9003,"message":"No such function"}`},
		{`{"function":"explode","arguments":{}}`, `{"error":9003,"message":"No such function"}`},
		{`{"function":"add"}`, `{"error":9004,"message":"No such argument"}`},
		{`{"function":"add","arguments":"x"}`, `{"error":9004,"message":"No such argument"}`},
		{`{"function":"add","arguments":{"name":7,"ip":"any"}}`, `{"error":9005,"message":"No such name"}`},
	}
	for _, c := range cases {
		if got := rawCall(t, path, c.body); got != c.want {
			t.Errorf("%q: got %s want %s", c.body, got, c.want)
		}
	}
}

// exchangeRaw writes raw bytes and reads one reply frame.
func exchangeRaw(t *testing.T, path string, raw []byte) ([]byte, error) {
	t.Helper()
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Write(raw); err != nil {
		t.Fatal(err)
	}
	return socket.ReadFrame(c, socket.MaxFrameBytes)
}

func TestOversizedAndEmptyFrames(t *testing.T) {
	root := testRoot(t)
	_, path := startServer(t, root, nil)
	hdr := make([]byte, 4)
	binary.LittleEndian.PutUint32(hdr, socket.MaxFrameBytes+1)
	reply, err := exchangeRaw(t, path, hdr)
	if err != nil || string(reply) != `{"error":9002,"message":"Parsing JSON input"}` {
		t.Fatalf("oversized: %q %v", reply, err)
	}
	binary.LittleEndian.PutUint32(hdr, 0xFFFFFFFF)
	if reply, err = exchangeRaw(t, path, hdr); err != nil || !strings.Contains(string(reply), "9002") {
		t.Fatalf("huge header: %q %v", reply, err)
	}
	binary.LittleEndian.PutUint32(hdr, 0)
	if reply, err = exchangeRaw(t, path, hdr); err != nil || !strings.Contains(string(reply), "9002") {
		t.Fatalf("empty: %q %v", reply, err)
	}
	// A truncated frame (header promises more than is sent, then EOF) gets
	// no reply, and the server keeps serving.
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	binary.LittleEndian.PutUint32(hdr, 100)
	_, _ = c.Write(append(hdr, "{\"fun"...))
	_ = c.(*net.UnixConn).CloseWrite()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if b, err := io.ReadAll(c); err != nil || len(b) != 0 {
		t.Fatalf("truncated frame: %q %v", b, err)
	}
	_ = c.Close()
	if got := rawCall(t, path, `{}`); got != `{"error":9003,"message":"No such function"}` {
		t.Fatalf("after bad clients: %s", got)
	}
}

func TestOneRequestPerConnection(t *testing.T) {
	root := testRoot(t)
	_, path := startServer(t, root, nil)
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	if err := socket.WriteFrame(c, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := socket.ReadFrame(c, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := socket.ReadFrame(c, 0); !errors.Is(err, io.EOF) {
		t.Fatalf("connection not closed after reply: %v", err)
	}
}

func TestConcurrentAdds(t *testing.T) {
	root := testRoot(t)
	w, path := startServer(t, root, nil)
	const workers, each = 8, 6
	var wg sync.WaitGroup
	errs := make(chan string, workers*each)
	for g := 0; g < workers; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				body := fmt.Sprintf(`{"function":"add","arguments":{"name":"w%d-%d","ip":"any"}}`, g, i)
				got := rawCall(t, path, body)
				if !strings.HasPrefix(got, `{"error":0,`) {
					errs <- got
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	kf := ParseKeys([]byte(readKeys(t, root)))
	ids, names := map[string]bool{}, map[string]bool{}
	for _, e := range kf.Entries {
		if !e.valid() || e.Removed || len(e.Key) != 64 {
			t.Fatalf("bad entry %+v", e)
		}
		if ids[e.ID] || names[e.Name] {
			t.Fatalf("duplicate %s %s", e.ID, e.Name)
		}
		ids[e.ID], names[e.Name] = true, true
	}
	if len(ids) != workers*each || !ids["001"] || !ids[FormatAgentID(workers*each)] {
		t.Fatalf("ids %v", ids)
	}
	if n := len(w.log()); n != workers*each {
		t.Fatalf("%d insert commands", n)
	}
}
