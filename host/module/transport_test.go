package module

import (
	"context"
	"errors"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

// TestEndedCallsAreNotTheModulesFault: a call whose context ended (client
// gone, request timeout) must not become the module's 503 nor wake the
// supervisor; a transport failure of a live call must.
func TestEndedCallsAreNotTheModulesFault(t *testing.T) {
	m := NewManager(Options{Specs: []Spec{{Name: "example"}}, NodeName: "node01"})
	inst := m.instances[0]
	broken := errors.New("rpc error: code = Unavailable desc = transport is closing")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := inst.mapTransport(ctx, broken)
	var we *sdk.Error
	if errors.As(err, &we) || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled call: %v, want context.Canceled and no Wazuh error", err)
	}
	select {
	case <-inst.wake:
		t.Fatal("a cancelled call woke the supervisor")
	default:
	}

	err = inst.mapTransport(context.Background(), broken)
	if !errors.As(err, &we) || we.Code != 1017 {
		t.Fatalf("live call: %v, want 1017", err)
	}
	select {
	case <-inst.wake:
	default:
		t.Fatal("a transport failure did not wake the supervisor")
	}
}
