package activeresponse

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestMessages(t *testing.T) {
	node := "node01"
	ar, err := CommandMessage("001", "restart-wazuh", []string{"-a", "é"}, json.RawMessage(`{"data":{"srcip":"1.1.1.1","a":1}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	arNode, err := CommandMessage("", "!custom.sh", nil, nil, &node)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ got, want string }{
		{RestartAgentMessage("001", false), `(msg_to_agent) [] NNS 001 {"version": 1, "origin": {"module": "framework"}, "command": "restart-wazuh0", "parameters": {"extra_args": [], "alert": {}}} - null (from_the_server) (no_rule_id)`},
		{RestartAgentMessage("002", true), `(msg_to_agent) [] NNS 002 restart-ossec0 - null (from_the_server) (no_rule_id)`},
		{RestartAgentMessage("", true), `(msg_to_agent) [] ANN (null) restart-ossec0 - null (from_the_server) (no_rule_id)`},
		{ReconnectAgentMessage("001"), `(msg_to_agent) [] N!S 001 force_reconnect`},
		{ReconnectAgentMessage(""), `(msg_to_agent) [] A!N (null) force_reconnect`},
		{SyscheckRunMessage("003"), `(msg_to_agent) [] N!S 003 syscheck restart`},
		{ar, `(msg_to_agent) [] NNS 001 {"version": 1, "origin": {"name": null, "module": "API"}, "command": "restart-wazuh", "parameters": {"extra_args": ["-a", "\u00e9"], "alert": {"data": {"srcip": "1.1.1.1", "a": 1}}}}`},
		{arNode, `(msg_to_agent) [] ANN (null) {"version": 1, "origin": {"name": "node01", "module": "API"}, "command": "!custom.sh", "parameters": {"extra_args": [], "alert": {}}}`},
		{ManagerRestartMessage("API"), `{"version": 1, "origin": {"module": "API"}, "command": "restart-wazuh", "parameters": {"extra_args": [], "alert": {}}}`},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("\n got %s\nwant %s", c.got, c.want)
		}
	}
	if _, err := CommandMessage("001", " ", nil, nil, nil); !errors.Is(err, ErrNoCommand) {
		t.Errorf("empty command: %v", err)
	}
}

func TestParseAgentMessage(t *testing.T) {
	r, err := ParseAgentMessage(SyscheckRunMessage("005"))
	if err != nil || r.Flags != FlagsAgentNonAR || r.AgentID != "005" || r.Body != "syscheck restart" {
		t.Fatalf("%+v %v", r, err)
	}
	r, err = ParseAgentMessage(ReconnectAgentMessage(""))
	if err != nil || r.AgentID != "" || r.Flags != FlagsAllNonAR {
		t.Fatalf("%+v %v", r, err)
	}
	for _, bad := range []string{"", "(msg_to_agent) []", "(msg_to_agent) [] NNS", "(msg_to_agent) [] NNSS 001 x", "hello 001 x"} {
		if _, err := ParseAgentMessage(bad); !errors.Is(err, ErrARFormat) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
