package wazuhdb

import (
	"errors"
	"strings"
	"testing"
)

func TestParseCommand(t *testing.T) {
	tests := []struct {
		in   string
		want Command
		err  string
	}{
		{"global sql SELECT 1", Command{Actor: "global", Query: "sql", Args: "SELECT 1", HasArgs: true}, ""},
		{"global select-groups", Command{Actor: "global", Query: "select-groups"}, ""},
		{"agent 001 sql SELECT * FROM fim_entry", Command{Actor: "agent", AgentID: 1, Query: "sql", Args: "SELECT * FROM fim_entry", HasArgs: true}, ""},
		{"agent  sql SELECT 1", Command{Actor: "agent", Query: "sql", Args: "SELECT 1", HasArgs: true}, ""},
		{"\n  task sql SELECT 1", Command{Actor: "task", Query: "sql", Args: "SELECT 1", HasArgs: true}, ""},
		{"mitre sql SELECT 1\x00 garbage", Command{Actor: "mitre", Query: "sql", Args: "SELECT 1", HasArgs: true}, ""},
		{`{"version":1,"command":"getstats"}`, Command{JSON: `{"version":1,"command":"getstats"}`}, ""},
		{"agent x sql SELECT 1", Command{}, "Invalid agent ID 'x'"},
		{"agent 1", Command{}, "Invalid DB query syntax, near '1'"},
		{"global", Command{}, "Invalid DB query syntax, near 'global'"},
		{"bogus sql SELECT 1", Command{}, "Invalid DB query actor: 'bogus'"},
		{strings.Repeat("z", 40) + " x", Command{}, "Invalid DB query actor: '" + strings.Repeat("z", 32) + "'"},
		{"", Command{}, "Empty input query"},
	}
	for _, tc := range tests {
		got, err := ParseCommand(tc.in)
		var pe *ProtocolError
		switch {
		case tc.err != "" && (!errors.As(err, &pe) || err.Error() != tc.err):
			t.Errorf("ParseCommand(%q) error = %v, want %q", tc.in, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("ParseCommand(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func TestAtoi(t *testing.T) {
	for in, want := range map[string]int64{"12": 12, " 7x": 7, "-3": -3, "abc": 0, "": 0, "001": 1} {
		if got := atoi(in); got != want {
			t.Errorf("atoi(%q) = %d, want %d", in, got, want)
		}
	}
}

// FuzzParseCommand checks that no request text can make the parser panic
// and that what it accepts is well-formed.
func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{
		"global sql SELECT 1", "agent 001 sql SELECT 1", "agent -1 rootcheck delete", "wazuhdb remove 1 2",
		"global set-agent-groups {}", "{\"command\":\"getstats\"}", "agent", "\x00", "global \xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, req string) {
		cmd, err := ParseCommand(req)
		if err != nil {
			var pe *ProtocolError
			if !errors.As(err, &pe) {
				t.Fatalf("non-protocol error %v", err)
			}
			return
		}
		switch cmd.Actor {
		case "global", "agent", "mitre", "task", "wazuhdb":
		case "":
			if !strings.HasPrefix(cmd.JSON, "{") {
				t.Fatalf("empty actor for %q", req)
			}
		default:
			t.Fatalf("unexpected actor %q", cmd.Actor)
		}
	})
}

// FuzzHandle sends arbitrary requests through the whole command path of a
// live server: every request must get a reply within the frame limit with
// a known status word, and no handler may panic.
func FuzzHandle(f *testing.F) {
	root := newRoot(f)
	s, err := Start(f.Context(), root, WithReadOnlySQL())
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = s.Close() })
	for _, seed := range []string{
		"global sql SELECT * FROM agent", "global get-agent-info 0", "global get-all-agents last_id -1",
		`global insert-agent {"id":5,"name":"x","date_add":1}`, `global set-agent-groups {"mode":"append","data":[{"id":5,"groups":["a"]}]}`,
		"global get-group-agents a last_id 0", "agent 5 sql SELECT * FROM pm_event", "agent 0 rootcheck delete",
		`global sync-agent-groups-get {"condition":"all","get_global_hash":true}`, "wazuhdb remove 5", "mitre sql SELECT 1\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, req string) {
		out := s.Query(t.Context(), req)
		if len(out) > maxReply {
			t.Fatalf("reply of %d bytes", len(out))
		}
		status, _, _ := strings.Cut(string(out), " ")
		status = strings.TrimSuffix(status, "\n")
		switch status {
		case statusOK, statusDue, statusErr:
		default:
			if !strings.HasPrefix(string(out), "{") {
				t.Fatalf("reply %q", out)
			}
		}
		if string(out) == "err Internal error" {
			t.Fatalf("handler panicked on %q", req)
		}
	})
}
