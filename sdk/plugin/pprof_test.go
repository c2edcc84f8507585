package plugin

import (
	"net"
	"net/http"
	"testing"
	"time"
)

func TestServePprofRefusesNonLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:6060", ":6060", "example.com:6060", "10.0.0.1:6060", "garbage"} {
		if err := ServePprof(addr, func(error) {}); err == nil {
			t.Errorf("%q accepted", addr)
		}
	}
}

func TestServePprofServesOnLoopback(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	if err := ServePprof(addr, func(error) {}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second) // hang detection only
	for {
		resp, err := http.Get("http://" + addr + "/debug/pprof/cmdline")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
