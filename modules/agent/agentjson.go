package main

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// canonicalOrder is the key order of a full agent object: "os" (nested,
// keys sorted) first, then the other fields as Wazuh's spec example lists
// them. Wazuh's own order follows a Python set and varies between
// processes; this one is stable.
var canonicalOrder = []string{"os", "lastKeepAlive", "id", "dateAdd", "configSum", "manager", "group", "registerIP",
	"ip", "name", "status", "mergedSum", "version", "node_name", "group_config_status", "status_code",
	"disconnection_time"}

var osOrder = []string{"os.arch", "os.build", "os.codename", "os.major", "os.minor", "os.name", "os.platform",
	"os.uname", "os.version"}

// planEntry is one top-level key of the output: a field, or the "os"
// object with its sub-fields.
type planEntry struct {
	name string   // public name, or "os"
	subs []string // os sub-fields (public names) when name == "os"
}

// agentPlan renders wazuh-db agent rows as Wazuh agent objects.
type agentPlan struct {
	entries []planEntry
	// col maps a row key (the column alias, any case) to a public name.
	col map[string]string
}

// newAgentPlan builds the plan for the selected columns (public names, as
// query.Query.Columns). With an explicit select, keys follow the request
// order (nested os where its first field is); otherwise canonicalOrder.
func newAgentPlan(columns []string, explicit bool) *agentPlan {
	p := &agentPlan{col: make(map[string]string, 2*len(columns))}
	have := map[string]bool{}
	for _, c := range columns {
		have[c] = true
		p.col[c] = c
		p.col[strings.ToLower(c)] = c
	}
	var order []string
	if explicit {
		order = columns
	} else {
		order = canonicalOrder
	}
	osDone := false
	for _, name := range order {
		if name == "os" || strings.HasPrefix(name, "os.") {
			if osDone {
				continue
			}
			osDone = true
			e := planEntry{name: "os"}
			for _, sub := range osOrder {
				if have[sub] {
					e.subs = append(e.subs, sub)
				}
			}
			if len(e.subs) > 0 {
				p.entries = append(p.entries, e)
			}
			continue
		}
		if have[name] {
			p.entries = append(p.entries, planEntry{name: name})
		}
	}
	return p
}

// row holds one row's raw values by public name.
type row map[string][]byte

// appendAgent renders one wazuh-db row object as a Wazuh agent object.
func (p *agentPlan) appendAgent(dst []byte, r *rowScanner, vals row) ([]byte, error) {
	clear(vals)
	if err := r.pairs(func(key, val []byte) {
		if name, ok := p.col[string(key)]; ok {
			vals[name] = val
		}
	}); err != nil {
		return dst, err
	}
	dst = append(dst, '{')
	first := true
	sep := func() {
		if !first {
			dst = append(dst, ", "...)
		}
		first = false
	}
	for _, e := range p.entries {
		if e.name != "os" {
			v, ok := vals[e.name]
			if !ok || isNull(v) || (e.name == "disconnection_time" && string(v) == "0") {
				continue
			}
			sep()
			dst = appendKey(dst, e.name)
			dst = appendField(dst, e.name, v)
			continue
		}
		n := 0
		for _, sub := range e.subs {
			if v, ok := vals[sub]; ok && !isNull(v) {
				if n == 0 {
					sep()
					dst = append(dst, `"os": {`...)
				} else {
					dst = append(dst, ", "...)
				}
				n++
				dst = appendKey(dst, sub[3:])
				dst = appendField(dst, sub, v)
			}
		}
		if n > 0 {
			dst = append(dst, '}')
		}
	}
	return append(dst, '}'), nil
}

func isNull(v []byte) bool { return string(v) == "null" }

func appendKey(dst []byte, k string) []byte {
	dst = append(dst, '"')
	dst = append(dst, k...)
	return append(dst, `": `...)
}

// appendField formats one value as WazuhDBQueryAgents does: id padded to
// three digits, group split into a list, epoch dates as ISO 8601 UTC.
func appendField(dst []byte, name string, v []byte) []byte {
	isStr := len(v) > 0 && v[0] == '"'
	switch name {
	case "id":
		if !isStr {
			return append(append(dst, '"'), append(padID(string(v)), '"')...)
		}
	case "group":
		if isStr {
			dst = append(dst, '[')
			for i, g := range strings.Split(string(v[1:len(v)-1]), ",") {
				if i > 0 {
					dst = append(dst, ", "...)
				}
				dst = appendASCII(append(dst, '"'), g)
				dst = append(dst, '"')
			}
			return append(dst, ']')
		}
	case "dateAdd", "lastKeepAlive", "disconnection_time":
		if !isStr {
			if n, err := strconv.ParseFloat(string(v), 64); err == nil {
				return append(append(append(dst, '"'), isoDate(int64(n))...), '"')
			}
		}
	}
	if isStr {
		return appendASCII(dst, string(v))
	}
	return append(dst, v...)
}

// padID renders an integer id zero-padded to three digits.
func padID(raw string) []byte {
	if n, err := strconv.ParseFloat(raw, 64); err == nil {
		raw = strconv.FormatInt(int64(n), 10)
	}
	for len(raw) < 3 {
		raw = "0" + raw
	}
	return []byte(raw)
}

// isoDate is Python's datetime.fromtimestamp(ts, timezone.utc).isoformat().
func isoDate(ts int64) string {
	return time.Unix(ts, 0).UTC().Format("2006-01-02T15:04:05") + "+00:00"
}

// appendASCII copies JSON text, escaping non-ASCII characters as Python's
// json.dumps(ensure_ascii=True) does.
func appendASCII(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	u := func(r rune) {
		dst = append(dst, '\\', 'u', hex[r>>12&0xF], hex[r>>8&0xF], hex[r>>4&0xF], hex[r&0xF])
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r >= 0x10000 {
			r -= 0x10000
			u(0xD800 + (r >> 10))
			u(0xDC00 + (r & 0x3FF))
		} else {
			u(r)
		}
	}
	return dst
}
