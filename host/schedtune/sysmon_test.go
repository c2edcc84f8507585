package schedtune

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestSysmonGODEBUGAddsScheduleTraceOnce(t *testing.T) {
	cases := map[string]string{
		"":                         "schedtrace=2147483647",
		"http2debug=1":             "http2debug=1,schedtrace=2147483647",
		"schedtrace=1000":          "schedtrace=1000",
		"gctrace=1, schedtrace=50": "gctrace=1, schedtrace=50",
	}
	for in, want := range cases {
		if got := SysmonGODEBUG(in); got != want {
			t.Errorf("SysmonGODEBUG(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestKeepSysmonAwakeReexecutes runs this test binary as a child that calls
// KeepSysmonAwake: the child must come back re-executed, with the same
// arguments and GODEBUG carrying the setting next to the operator's.
func TestKeepSysmonAwakeReexecutes(t *testing.T) {
	if os.Getenv("SCHEDTUNE_CHILD") == "1" {
		if err := KeepSysmonAwake(); err != nil {
			t.Fatal(err)
		}
		os.Stdout.WriteString("GODEBUG=" + os.Getenv("GODEBUG") + "\n")
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestKeepSysmonAwakeReexecutes$", "-test.v")
	cmd.Env = append(withoutVar(os.Environ(), "GODEBUG"), "SCHEDTUNE_CHILD=1", "GODEBUG=gctrace=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "GODEBUG=gctrace=0,schedtrace=2147483647\n") {
		t.Fatalf("child output lacks the tuned GODEBUG:\n%s", out)
	}
	// The child starts its test twice: once before the re-exec, which
	// replaces it before it prints, and once after.
	if strings.Count(string(out), "=== RUN") != 2 || strings.Count(string(out), "GODEBUG=") != 1 {
		t.Fatalf("child was not re-executed exactly once:\n%s", out)
	}
}
