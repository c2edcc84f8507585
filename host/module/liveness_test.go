package module

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/wazuh-go/server/sdk/sdktest"
)

// TestHungModuleIsKilledAndRestarted stops the example module (SIGSTOP):
// it stays alive but answers nothing, so only the health checks can tell.
// After livenessMisses silent checks the supervisor must run a new process
// that serves again.
func TestHungModuleIsKilledAndRestarted(t *testing.T) {
	bin := buildExample(t)
	m := newManager(t, Spec{Name: "example", Path: bin})
	m.healthInterval = 200 * time.Millisecond
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
