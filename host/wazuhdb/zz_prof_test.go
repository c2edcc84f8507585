package wazuhdb_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime/pprof"
	"testing"
	"time"
)

func TestProfPage(t *testing.T) {
	b := &testing.B{}
	_ = b
	c := benchEnvT(t)
	ctx := context.Background()
	f, _ := os.Create("/tmp/page.prof")
	pprof.StartCPUProfile(f)
	rng := rand.New(rand.NewPCG(1, 2))
	t0 := time.Now()
	for i := 0; i < 300; i++ {
		off := rng.IntN(benchAgents - 500)
		rows, err := c.SQL(ctx, "global", 0, fmt.Sprintf("SELECT * FROM agent WHERE id > 0 ORDER BY id LIMIT 500 OFFSET %d", off))
		if err != nil || len(rows) != 500 {
			t.Fatal(err)
		}
	}
	pprof.StopCPUProfile()
	t.Log(time.Since(t0) / 300)
}
