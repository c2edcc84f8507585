package wazuhlog

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
)

const accessMsg = `wazuh (abc123) 10.0.0.1 "POST /security/user/authenticate/run_as" with parameters {"pretty": "true"} and body {"a": [1, 2]} done in 0.012s: 200`

// accessReq is accessMsg's request, as host/api attaches it.
var accessReq = &Request{User: "wazuh", IP: "10.0.0.1", HTTPMethod: "POST", URI: "POST /security/user/authenticate/run_as",
	Parameters: json.RawMessage(`{"pretty": "true"}`), Body: json.RawMessage(`{"a": [1, 2]}`), Time: "0.012s", StatusCode: 200, HashAuthContext: "abc123"}

func TestPlainLinesAreWazuhs(t *testing.T) {
	var out bytes.Buffer
	log := New(&out, "wazuh-apid", hclog.Info, "plain")
	log.Named("access").Info(accessMsg, RequestArg, accessReq)
	log.Debug("hidden")
	log.Named("module").Named("agent").Warn("restarting", "error", "exit status 1", "timestamp", "x", []int{1}, 2)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("lines: %q", lines)
	}
	if !regexp.MustCompile(`^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d INFO: ` + regexp.QuoteMeta(accessMsg) + `$`).MatchString(lines[0]) {
		t.Fatalf("access line: %q", lines[0])
	}
	if !strings.HasSuffix(lines[1], ` WARNING: [module.agent] restarting: error="exit status 1" [1]=2`) {
		t.Fatalf("other line: %q", lines[1])
	}
	if !log.IsInfo() || log.IsDebug() {
		t.Fatal("levels must follow logs.level")
	}
}

func TestJSONLinesCarryTheRequest(t *testing.T) {
	var out bytes.Buffer
	log := New(&out, "wazuh-apid", hclog.Info, "json")
	log.Named("access").Info(accessMsg, RequestArg, accessReq)
	log.Info("listening", "address", "[::]:55000")
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var req struct {
		Timestamp string `json:"timestamp"`
		Levelname string `json:"levelname"`
		Data      struct {
			Type    string         `json:"type"`
			Payload map[string]any `json:"payload"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &req); err != nil {
		t.Fatalf("%v: %s", err, lines[0])
	}
	p := req.Data.Payload
	if req.Levelname != "INFO" || req.Data.Type != "request" || p["user"] != "wazuh" || p["ip"] != "10.0.0.1" ||
		p["http_method"] != "POST" || p["uri"] != "POST /security/user/authenticate/run_as" || p["time"] != "0.012s" ||
		p["status_code"] != float64(200) || p["hash_auth_context"] != "abc123" || p["parameters"].(map[string]any)["pretty"] != "true" {
		t.Fatalf("request payload: %s", lines[0])
	}
	if !strings.HasPrefix(lines[0], `{"timestamp":"`) || !strings.Contains(lines[1], `"data":{"type":"informative","payload":"listening: address=[::]:55000"}`) {
		t.Fatalf("lines: %q", lines)
	}
}

func TestDisabledWritesNothing(t *testing.T) {
	var out bytes.Buffer
	log := New(&out, "wazuh-apid", hclog.Off, "plain")
	log.Error("boom")
	if out.Len() != 0 || log.IsError() {
		t.Fatalf("disabled logged %q", out.String())
	}
}

func TestTeeWritesEachOutputInItsFormat(t *testing.T) {
	var plain, jsonOut bytes.Buffer
	log := NewTee("wazuh-apid", hclog.Info, Output{W: &plain}, Output{W: &jsonOut, JSON: true})
	log.Named("access").Info(accessMsg, RequestArg, accessReq)
	if !strings.HasSuffix(strings.TrimSpace(plain.String()), " INFO: "+accessMsg) {
		t.Fatalf("plain output: %q", plain.String())
	}
	var line struct {
		Levelname string `json:"levelname"`
		Data      struct {
			Type    string         `json:"type"`
			Payload map[string]any `json:"payload"`
		} `json:"data"`
	}
	if err := json.Unmarshal(jsonOut.Bytes(), &line); err != nil {
		t.Fatalf("json output %q: %v", jsonOut.String(), err)
	}
	if line.Levelname != "INFO" || line.Data.Type != "request" || line.Data.Payload == nil {
		t.Fatalf("json line: %+v", line)
	}
}
