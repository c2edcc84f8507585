package main

import (
	"strings"
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

// fieldKind selects how a value is formatted (see appendField).
type fieldKind uint8

const (
	kindPlain fieldKind = iota
	kindID
	kindGroup
	kindDate
	kindDisconnection // a date, omitted when 0
)

func kindOf(name string) fieldKind {
	switch name {
	case "id":
		return kindID
	case "group":
		return kindGroup
	case "dateAdd", "lastKeepAlive":
		return kindDate
	case "disconnection_time":
		return kindDisconnection
	}
	return kindPlain
}

// planField is one output key and the row column it comes from.
type planField struct {
	key  string // output key (sub-key for os fields)
	col  int    // index in the row
	kind fieldKind
}

// planEntry is one top-level key of the output: a field, or the "os"
// object with its sub-fields.
type planEntry struct {
	field planField
	subs  []planField // os sub-fields when the entry is "os"
}

// agentPlan renders wazuh-db agent rows as Wazuh agent objects.
type agentPlan struct {
	entries []planEntry
	// cols are the row keys (column aliases) in SQL order; rows list them
	// in that order, NULL columns omitted.
	cols []string
	// index maps a row key (the column alias, any case) to its column, for
	// keys out of the expected order.
	index map[string]int
	// plainCols is set when no column name holds a backslash or a quote.
	plainCols bool
}

// newAgentPlan builds the plan for the selected columns (public names, as
// query.Query.Columns). With an explicit select, keys follow the request
// order (nested os where its first field is); otherwise canonicalOrder.
func newAgentPlan(columns []string, explicit bool) *agentPlan {
	p := &agentPlan{cols: columns, index: make(map[string]int, 2*len(columns)), plainCols: true}
	for i, c := range columns {
		if strings.ContainsAny(c, `\"`) {
			p.plainCols = false
		}
		if _, dup := p.index[c]; !dup {
			p.index[c] = i
		}
		if _, dup := p.index[strings.ToLower(c)]; !dup {
			p.index[strings.ToLower(c)] = i
		}
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
			var e planEntry
			for _, sub := range osOrder {
				if i, ok := p.index[sub]; ok {
					e.subs = append(e.subs, planField{key: sub[3:], col: i, kind: kindOf(sub)})
				}
			}
			if len(e.subs) > 0 {
				p.entries = append(p.entries, e)
			}
			continue
		}
		if i, ok := p.index[name]; ok {
			p.entries = append(p.entries, planEntry{field: planField{key: name, col: i, kind: kindOf(name)}})
		}
	}
	return p
}

// row holds one row's raw JSON values by column (nil: absent).
type row [][]byte

// newRow returns the value buffer appendAgent fills.
func (p *agentPlan) newRow() row { return make(row, len(p.cols)) }

// column finds the column of key, looking first at and after next (rows
// list their keys in column order).
func (p *agentPlan) column(key []byte, next int) int {
	for i := next; i < len(p.cols); i++ {
		if p.cols[i] == string(key) {
			return i
		}
	}
	if i, ok := p.index[string(key)]; ok {
		return i
	}
	return -1
}

// scanRow reads the row object into vals (by column; nil when absent). A
// key is first matched in place against the columns expected next, which
// avoids scanning it: column names hold no backslash, so a name followed
// by a quote is the whole key.
func (p *agentPlan) scanRow(s *rowScanner, vals row) error {
	clear(vals)
	s.i = s.start
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		return s.fail("expected '{'")
	}
	s.i++
	next := 0
	for {
		s.ws()
		if s.i < len(s.b) && s.b[s.i] == '}' {
			s.i++
			s.end = s.i
			return nil
		}
		if s.i >= len(s.b) || s.b[s.i] != '"' {
			return s.fail("expected key")
		}
		col := -1
		for j := next; j < len(p.cols) && p.plainCols; j++ {
			k := p.cols[j]
			if e := s.i + 1 + len(k); e < len(s.b) && s.b[e] == '"' && string(s.b[s.i+1:e]) == k {
				col, s.i = j, e+1
				break
			}
		}
		if col < 0 {
			ks := s.i
			if err := s.skipString(); err != nil {
				return err
			}
			col = p.column(s.b[ks+1:s.i-1], next)
		}
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] != ':' {
			return s.fail("expected ':'")
		}
		s.i++
		s.ws()
		vs := s.i
		if err := s.skipValue(); err != nil {
			return err
		}
		if col >= 0 {
			vals[col] = s.b[vs:s.i]
			next = col + 1
		}
		s.ws()
		if s.i < len(s.b) && s.b[s.i] == ',' {
			s.i++
		}
	}
}

// appendAgent renders one wazuh-db row object as a Wazuh agent object.
func (p *agentPlan) appendAgent(dst []byte, r *rowScanner, vals row) ([]byte, error) {
	if err := p.scanRow(r, vals); err != nil {
		return dst, err
	}
	dst = append(dst, '{')
	first := true
	for _, e := range p.entries {
		if e.subs == nil {
			v := vals[e.field.col]
			if v == nil || isNull(v) || (e.field.kind == kindDisconnection && string(v) == "0") {
				continue
			}
			if !first {
				dst = append(dst, ", "...)
			}
			first = false
			dst = appendKey(dst, e.field.key)
			dst = appendField(dst, e.field.kind, v)
			continue
		}
		n := 0
		for _, sub := range e.subs {
			v := vals[sub.col]
			if v == nil || isNull(v) {
				continue
			}
			switch {
			case n > 0:
				dst = append(dst, ", "...)
			case !first:
				dst = append(dst, `, "os": {`...)
			default:
				dst = append(dst, `"os": {`...)
			}
			first = false
			n++
			dst = appendKey(dst, sub.key)
			dst = appendField(dst, sub.kind, v)
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
