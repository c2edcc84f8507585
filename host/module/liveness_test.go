package module

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// TestHungModuleIsKilledAndRestarted stops the example module (SIGSTOP):
// it stays alive but answers nothing, so only the health checks can tell.
// After livenessMisses silent checks the supervisor must run a new process
// that serves again.
func TestHungModuleIsKilledAndRestarted(t *testing.T) {
	bin := buildExample(t)
	sock, err := os.MkdirTemp("", "wm")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(sock) })
	m := NewManager(Options{
		Specs: []Spec{{Name: "example", Path: bin}}, SocketDir: sock, StartTimeout: 10 * time.Second,
		HealthInterval: 200 * time.Millisecond, NodeName: "node01", Logger: hclog.NewNullLogger(),
		NewHost: func(string, sdk.Capabilities) sdk.Host { return sdktest.NewFakeHost(t, sdk.Capabilities{}) },
	})
	started, err := m.Start(context.Background())
	if err != nil || len(started) != 1 {
		t.Fatalf("start: %v", err)
	}
	defer m.Stop(context.Background())
	inst := started[0]
	req := sdktest.NewRequest(inst.Descriptor(), "example.get_hello", "", nil)
	// A module that answers keeps running, however long it runs.
	time.Sleep(time.Second)
	first := inst.PID()
	if first == 0 {
		t.Fatal("module not running")
	}
	if err := syscall.Kill(first, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	defer syscall.Kill(first, syscall.SIGKILL)
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if pid := inst.PID(); pid != 0 && pid != first {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			_, err := inst.Handle(ctx, req)
			cancel()
			if err == nil {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the hung module (pid %d) was not replaced by a serving one (pid now %d)", first, inst.PID())
}
