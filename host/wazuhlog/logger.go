package wazuhlog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
)

// timeLayout is Wazuh's log date format (%Y/%m/%d %H:%M:%S).
const timeLayout = "2006/01/02 15:04:05"

// New returns a logger named name writing lines at level and above to out
// in Wazuh's format: "json" for JSON lines, anything else ("plain",
// "plain,json", "json,plain") for plain lines, since one stream cannot
// hold Wazuh's two files.
func New(out io.Writer, name string, level hclog.Level, format string) hclog.Logger {
	return NewTee(name, level, Output{W: out, JSON: format == "json"})
}

// Output is one destination of a logger: Wazuh's api.log takes plain
// lines, api.json JSON lines.
type Output struct {
	// W receives whole lines.
	W io.Writer
	// JSON selects JSON lines instead of plain ones.
	JSON bool
}

// NewTee returns a logger named name writing every line at level and
// above to each output, formatted for it.
func NewTee(name string, level hclog.Level, outs ...Output) hclog.Logger {
	// hclog keeps the levels, names and IsX methods; its own output is
	// excluded before formatting and the sinks write Wazuh's lines.
	l := hclog.NewInterceptLogger(&hclog.LoggerOptions{
		Name: name, Level: level, Output: io.Discard,
		Exclude: func(hclog.Level, string, ...any) bool { return true },
	})
	for _, o := range outs {
		l.RegisterSink(&sink{out: o.W, level: level, json: o.JSON, root: name, now: time.Now})
	}
	return l
}

// sink formats records; hclog calls Accept under its own lock.
type sink struct {
	mu    sync.Mutex
	out   io.Writer
	level hclog.Level
	json  bool
	root  string
	now   func() time.Time
	buf   bytes.Buffer
}

// levelName is Wazuh's (Python logging's) level name.
func levelName(l hclog.Level) string {
	switch l {
	case hclog.Trace:
		return "DEBUG2"
	case hclog.Debug:
		return "DEBUG"
	case hclog.Warn:
		return "WARNING"
	case hclog.Error:
		return "ERROR"
	default:
		return "INFO"
	}
}

// Accept implements hclog.SinkAdapter.
func (s *sink) Accept(name string, level hclog.Level, msg string, args ...any) {
	if level < s.level || s.level == hclog.Off {
		return
	}
	req, args := takeRequest(args)
	if req == nil && name != s.root {
		msg = "[" + strings.TrimPrefix(name, s.root+".") + "] " + msg
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Reset()
	ts := s.now().Format(timeLayout)
	if s.json {
		s.writeJSON(ts, level, msg, req, args)
	} else {
		s.buf.WriteString(ts + " " + levelName(level) + ": " + msg)
		writeArgs(&s.buf, args)
	}
	s.buf.WriteByte('\n')
	_, _ = s.out.Write(s.buf.Bytes())
}

// redundantArgs are what go-plugin adds to a module's forwarded lines:
// the line already has its time and, in its prefix, the module's name.
var redundantArgs = map[string]bool{"timestamp": true, "@module": true}

// writeArgs appends hclog's key/value pairs as ": k=v k=v".
func writeArgs(b *bytes.Buffer, args []any) {
	sep := ":"
	for i := 0; i+1 < len(args); i += 2 {
		if k, ok := args[i].(string); ok && redundantArgs[k] {
			continue
		}
		b.WriteString(sep)
		sep = ""
		v := fmt.Sprint(args[i+1])
		if strings.ContainsAny(v, " \t\n\"=") || v == "" {
			v = strconv.Quote(v)
		}
		fmt.Fprintf(b, " %v=%s", args[i], v)
	}
}

// jsonLine is one Wazuh JSON log line.
type jsonLine struct {
	Timestamp string   `json:"timestamp"`
	Levelname string   `json:"levelname"`
	Data      jsonData `json:"data"`
}

type jsonData struct {
	Type    string `json:"type"`
	Payload any    `json:"payload"`
}

func (s *sink) writeJSON(ts string, level hclog.Level, msg string, req *Request, args []any) {
	line := jsonLine{Timestamp: ts, Levelname: levelName(level), Data: jsonData{Type: "informative"}}
	if req != nil {
		line.Data = jsonData{Type: "request", Payload: req}
	} else {
		var b bytes.Buffer
		b.WriteString(msg)
		writeArgs(&b, args)
		line.Data.Payload = b.String()
	}
	enc := json.NewEncoder(&s.buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(line)
	s.buf.Truncate(s.buf.Len() - 1) // Encode's newline; Accept adds one
}
