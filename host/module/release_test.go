package module

import (
	"context"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/wazuh-go/server/sdk/sdktest"
)

// TestRestartsReleaseTheDeadProcess kills the module twice: each restart
// must release what the host held for the dead process (its host services
// server and go-plugin connection, about ten goroutines each).
func TestRestartsReleaseTheDeadProcess(t *testing.T) {
	bin := buildExample(t)
	m := newManager(t, Spec{Name: "example", Path: bin})
	started, err := m.Start(context.Background())
	if err != nil || len(started) != 1 {
		t.Fatalf("start: %v", err)
	}
	defer m.Stop(context.Background())
	inst := started[0]
	req := sdktest.NewRequest(inst.Descriptor(), "example.get_hello", "", nil)
	serving := func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, err := inst.Handle(ctx, req)
		return err == nil
	}
	if !serving() {
		t.Fatal("module not serving")
	}
	time.Sleep(300 * time.Millisecond)
	before := runtime.NumGoroutine()
	for range 2 {
		pid := inst.PID()
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(15 * time.Second)
		for !(inst.PID() != 0 && inst.PID() != pid && serving()) {
			if time.Now().After(deadline) {
				t.Fatal("module not restarted")
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	time.Sleep(300 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before+4 {
		t.Fatalf("goroutines grew from %d to %d over two restarts: the dead processes were not released", before, after)
	}
}
