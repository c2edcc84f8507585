package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// xmlNode is a parsed XML element.
type xmlNode struct {
	name     string
	attrs    []xml.Attr
	text     string
	children []*xmlNode
}

// parseXMLFragment parses a document that may hold several top-level
// elements (agent.conf), as Wazuh's load_wazuh_xml does by wrapping it.
func parseXMLFragment(data []byte) (*xmlNode, error) {
	dec := xml.NewDecoder(io.MultiReader(strings.NewReader("<root>\n"), bytes.NewReader(data), strings.NewReader("\n</root>")))
	dec.Strict = true
	var stack []*xmlNode
	var root *xmlNode
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{name: t.Name.Local, attrs: t.Attr}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, errors.New("agent: empty document")
	}
	return root, nil
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
			filters = append(filters, kv{a.Name.Local, a.Value})
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
				if a.Name.Local == "name" {
					name = a.Value
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
			o = append(o, kv{a.Name.Local, a.Value})
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
