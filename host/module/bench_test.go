package module

import (
	"context"
	"os"
	"testing"

	"github.com/wazuh-go/server/sdk/sdktest"
)

// BenchmarkCrossProcessHandle is one host→module call to the real example
// module binary over go-plugin's gRPC (AutoMTLS, Unix socket), without the
// HTTP front: the module hop's own cost.
func BenchmarkCrossProcessHandle(b *testing.B) {
	bin := buildExample(b)
	m := newManager(b, Spec{Name: "example", Path: bin, Env: benchEnv()})
	started, err := m.Start(context.Background())
	if err != nil || len(started) != 1 {
		b.Fatalf("start: %v", err)
	}
	defer m.Stop(context.Background())
	req := sdktest.NewRequest(started[0].Descriptor(), "example.get_hello", "", nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := started[0].Handle(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

func benchEnv() []string {
	if v := os.Getenv("BENCH_MODULE_ENV"); v != "" {
		return []string{v}
	}
	return nil
}
