package authd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestTimeValues(t *testing.T) {
	for in, want := range map[string]time.Duration{"1h": time.Hour, "30m": 30 * time.Minute, "10s": 10 * time.Second,
		"2d": 48 * time.Hour, "1w": 7 * 24 * time.Hour, "3600": time.Hour, "0": 0} {
		if got, err := ParseTimeValue(in); err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "h", "-1h", "1.5h", "1y"} {
		if _, err := ParseTimeValue(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if FormatTimeValue(time.Hour) != "1h" || FormatTimeValue(90*time.Minute) != "90m" || FormatTimeValue(0) != "0s" {
		t.Error("FormatTimeValue")
	}
}

func TestForceJSON(t *testing.T) {
	b, err := json.Marshal(APIDefaultForce())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"enabled":false,"disconnected_time":{"enabled":true,"value":"1h"},"after_registration_time":"1h","key_mismatch":true}`
	if string(b) != want {
		t.Fatalf("got %s", b)
	}
	var f Force
	if err := json.Unmarshal([]byte(`{"disconnected_time":{"value":"2h"}}`), &f); err != nil {
		t.Fatal(err)
	}
	if !f.Enabled || f.DisconnectedTime != 2*time.Hour || f.AfterRegistrationTime != time.Hour {
		t.Fatalf("merged %+v", f)
	}
}

func TestKeyFile(t *testing.T) {
	in := "001 a any k1\n002 !b 10.0.0.2 k2\n003 #c any k3\nnot a key line\n\n004 d 10.0.0.0/24 k4\r\n"
	kf := ParseKeys([]byte(in))
	if got := string(kf.Marshal()); got != strings.ReplaceAll(strings.Replace(in, "\n\n", "\n", 1), "\r", "") {
		t.Fatalf("round trip %q", got)
	}
	if kf.MaxID() != 4 || kf.ActiveCount() != 2 {
		t.Fatalf("max %d active %d", kf.MaxID(), kf.ActiveCount())
	}
	if kf.ActiveByName("b") != -1 || kf.ActiveByID(2) != -1 || kf.ActiveByID(1) != 0 || kf.ActiveByIP("10.0.0.0/24") != 4 {
		t.Fatal("lookups")
	}
	kf.RemoveAt(0, false)
	kf.DropRemovedID(3)
	if got := string(kf.Marshal()); got != "001 !a any k1\n002 !b 10.0.0.2 k2\nnot a key line\n004 d 10.0.0.0/24 k4\n" {
		t.Fatalf("after edits %q", got)
	}
}

func TestValidation(t *testing.T) {
	for _, ok := range []string{"any", "ANY", "10.0.0.1", "::1", "10.0.0.0/8", "2001:db8::/32"} {
		if !ValidIP(ok) {
			t.Errorf("%q rejected", ok)
		}
	}
	for _, bad := range []string{"", "10.0.0", "010.0.0.1", "10.0.0.0/33", "host", "1.2.3.4 "} {
		if ValidIP(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
	if !ValidName("a-b_c.d%") || ValidName(strings.Repeat("a", 129)) || ValidName("a/b") || ValidName("") {
		t.Error("ValidName")
	}
	if n, ok := ParseAgentID("013"); !ok || n != 13 {
		t.Error("ParseAgentID")
	}
	if _, ok := ParseAgentID("-1"); ok {
		t.Error("negative id accepted")
	}
	shared := t.TempDir()
	if err := os.Mkdir(filepath.Join(shared, "g"), 0o750); err != nil {
		t.Fatal(err)
	}
	if _, ok := SplitGroups("g,g", shared); !ok {
		t.Error("existing groups rejected")
	}
	if _, ok := SplitGroups(strings.Repeat("g,", 128)+"g", shared); ok {
		t.Error("129 groups accepted")
	}
}

func TestGenerateKey(t *testing.T) {
	a, err := GenerateKey("n", "any", "001")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := GenerateKey("n", "any", "001")
	if len(a) != 64 || a == b || strings.Trim(a, "0123456789abcdef") != "" {
		t.Fatalf("keys %q %q", a, b)
	}
}

func TestWriteFileAtomicKeepsMode(t *testing.T) {
	p := filepath.Join(t.TempDir(), "client.keys")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(p, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	b, _ := os.ReadFile(p)
	if string(b) != "new" || fi.Mode().Perm() != 0o600 {
		t.Fatalf("%q %v", b, fi.Mode())
	}
	ents, _ := os.ReadDir(filepath.Dir(p))
	if len(ents) != 1 {
		t.Fatalf("temporary files left: %v", ents)
	}
}
