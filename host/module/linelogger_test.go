package module

import (
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
)

func TestLineLoggerWarnsOfStrayOutputButNotSchedulerTraces(t *testing.T) {
	var out strings.Builder
	log := hclog.New(&hclog.LoggerOptions{Output: &out, Level: hclog.Info})
	l := lineLogger{log, "stderr"}
	_, _ = l.Write([]byte("SCHED 0ms: gomaxprocs=1 idleprocs=1 threads=4\nfmt.Println leftover\n\n"))
	got := out.String()
	if strings.Contains(got, "SCHED") {
		t.Fatalf("scheduler trace logged at info or above:\n%s", got)
	}
	if !strings.Contains(got, "[WARN]") || !strings.Contains(got, "fmt.Println leftover") {
		t.Fatalf("stray output not warned about:\n%s", got)
	}
}
