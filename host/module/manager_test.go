package module

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

func buildExample(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a module binary")
	}
	out := filepath.Join(t.TempDir(), "wazuh-module-example")
	cmd := exec.Command("go", "build", "-o", out, "./examples/hello")
	cmd.Dir = "../../sdk"
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, b)
	}
	return out
}

func newManager(t testing.TB, specs ...Spec) *Manager {
	sock, err := os.MkdirTemp("", "wm")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(sock) })
	return NewManager(Options{
		Specs: specs, SocketDir: sock, StartTimeout: 10 * time.Second, NodeName: "node01", Logger: hclog.NewNullLogger(),
		NewHost: func(string, sdk.Capabilities) sdk.Host { return sdktest.NewFakeHost(t, sdk.Capabilities{}) },
	})
}

func TestManagerStartsPinnedModuleAndRefusesWrongHash(t *testing.T) {
	bin := buildExample(t)
	data, _ := os.ReadFile(bin)
	sum := sha256.Sum256(data)
	good := Spec{Name: "example", Path: bin, SHA256: hex.EncodeToString(sum[:]), Settings: []byte(`{"greeting":"Hey"}`)}
	m := newManager(t, good)
	started, err := m.Start(context.Background())
	if err != nil || len(started) != 1 {
		t.Fatalf("start: %v %v", started, err)
	}
	req := sdktest.NewRequest(started[0].Descriptor(), "example.get_hello", "", nil)
	resp, err := started[0].Handle(context.Background(), req)
	if err != nil || string(resp.Body) != `{"data": {"message": "Hey, wazuh"}, "error": 0}` {
		t.Fatalf("handle: %v %s", err, resp.Body)
	}
	pid := started[0].PID()
	m.Stop(context.Background())
	if pid == 0 || processAlive(pid) {
		t.Fatalf("module process %d still alive after Stop", pid)
	}
	if _, err := started[0].Handle(context.Background(), req); !isUnavailable(err) {
		t.Fatalf("stopped module must answer 503: %v", err)
	}

	bad := good
	bad.SHA256 = strings.Repeat("00", 32)
	m2 := newManager(t, bad)
	if started, err := m2.Start(context.Background()); err == nil || len(started) != 0 {
		t.Fatalf("a binary with another hash must not start: %v", err)
	}
	m2.Stop(context.Background())
}

func isUnavailable(err error) bool {
	var we *sdk.Error
	return errors.As(err, &we) && we.Status() == 503 && we.Code == 1017
}

func processAlive(pid int) bool {
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	return err == nil && !strings.Contains(string(stat), ") Z ")
}
