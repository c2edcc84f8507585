package main

import "strings"

// xmlNode is an element as ElementTree gives it to the configuration
// converters (loadWazuhXML): comments and processing instructions are
// dropped and CDATA is text.
type xmlNode struct {
	name     string
	attrs    []domAttr
	text     string
	children []*xmlNode
}

// duplicateSections are always lists of section objects (data-layer §7).
var duplicateSections = map[string]bool{"active-response": true, "command": true, "agentless": true, "localfile": true,
	"remote": true, "syslog_output": true, "integration": true, "labels": true}

// agentConfJSON is _agentconf2json: one {"filters", "config"} item per
// <agent_config> block.
func agentConfJSON(root *xmlNode) []any {
	var out []any
	for _, block := range root.children {
		if block.name != "agent_config" {
			continue
		}
		filters := orderedMap{}
		for _, a := range block.attrs {
			filters = append(filters, kv{a.name, a.value})
		}
		out = append(out, orderedMap{{"filters", filters}, {"config", sectionsJSON(block.children)}})
	}
	if out == nil {
		out = []any{}
	}
	return out
}

// sectionsJSON converts configuration sections; <wodle name="x"> is
// section x.
func sectionsJSON(nodes []*xmlNode) orderedMap {
	cfg := orderedMap{}
	index := map[string]int{}
	for _, n := range nodes {
		name := strings.ToLower(n.name)
		if name == "wodle" {
			for _, a := range n.attrs {
				if a.name == "name" {
					name = a.value
				}
			}
		}
		val := optionsJSON(n)
		i, seen := index[name]
		switch {
		case duplicateSections[name] && seen:
			cfg[i].v = append(cfg[i].v.([]any), val)
		case duplicateSections[name]:
			index[name] = len(cfg)
			cfg = append(cfg, kv{name, []any{val}})
		case seen:
			cfg[i].v = mergeMaps(cfg[i].v, val)
		default:
			index[name] = len(cfg)
			cfg = append(cfg, kv{name, val})
		}
	}
	return cfg
}

// optionsJSON converts an element: its children as options (repeated
// options become lists), text with attributes as {attrs…, "item": text}.
func optionsJSON(n *xmlNode) any {
	text := strings.TrimSpace(n.text)
	if len(n.children) == 0 {
		if len(n.attrs) == 0 {
			return text
		}
		o := orderedMap{}
		for _, a := range n.attrs {
			o = append(o, kv{a.name, a.value})
		}
		if text != "" {
			o = append(o, kv{"item", text})
		}
		return o
	}
	o := orderedMap{}
	index := map[string]int{}
	for _, c := range n.children {
		v := optionsJSON(c)
		if i, ok := index[c.name]; ok {
			if l, isList := o[i].v.([]any); isList {
				o[i].v = append(l, v)
			} else {
				o[i].v = []any{o[i].v, v}
			}
			continue
		}
		index[c.name] = len(o)
		o = append(o, kv{c.name, v})
	}
	return o
}

// mergeMaps merges a repeated mergeable section into the first one.
func mergeMaps(a, b any) any {
	am, ok1 := a.(orderedMap)
	bm, ok2 := b.(orderedMap)
	if !ok1 || !ok2 {
		return b
	}
	for _, e := range bm {
		replaced := false
		for i := range am {
			if am[i].k == e.k {
				am[i].v, replaced = e.v, true
			}
		}
		if !replaced {
			am = append(am, e)
		}
	}
	return am
}
