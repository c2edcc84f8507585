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

// sectionKind is how _insert_section combines repeated sections
// (conf_sections in framework/wazuh/core/configuration.py).
type sectionKind uint8

const (
	// sectionDuplicate sections are always a list of section objects.
	sectionDuplicate sectionKind = iota + 1
	// sectionMerge sections are one object: later blocks update it and
	// extend its list options.
	sectionMerge
	// sectionLast sections are one object: the last block wins.
	sectionLast
)

// confSection is one entry of conf_sections.
type confSection struct {
	kind        sectionKind
	listOptions []string
}

// confSections is Wazuh's conf_sections (data-layer.md §7). Sections not
// listed here are dropped by _insert_section.
var confSections = map[string]confSection{
	"active-response": {kind: sectionDuplicate},
	"command":         {kind: sectionDuplicate},
	"agentless":       {kind: sectionDuplicate},
	"localfile":       {kind: sectionDuplicate, listOptions: []string{"filter", "ignore"}},
	"remote":          {kind: sectionDuplicate},
	"syslog_output":   {kind: sectionDuplicate},
	"integration":     {kind: sectionDuplicate},
	"labels":          {kind: sectionDuplicate, listOptions: []string{"label"}},

	"alerts":         {kind: sectionMerge},
	"client":         {kind: sectionMerge},
	"email_alerts":   {kind: sectionMerge, listOptions: []string{"email_to"}},
	"reports":        {kind: sectionMerge, listOptions: []string{"email_to"}},
	"global":         {kind: sectionMerge, listOptions: []string{"white_list"}},
	"open-scap":      {kind: sectionMerge, listOptions: []string{"content"}},
	"cis-cat":        {kind: sectionMerge, listOptions: []string{"content"}},
	"syscollector":   {kind: sectionMerge},
	"rootcheck":      {kind: sectionMerge, listOptions: []string{"rootkit_files", "rootkit_trojans", "windows_audit", "system_audit", "windows_apps", "windows_malware"}},
	"ruleset":        {kind: sectionMerge, listOptions: []string{"include", "rule", "rule_dir", "decoder", "decoder_dir", "list", "rule_exclude", "decoder_exclude"}},
	"syscheck":       {kind: sectionMerge, listOptions: []string{"directories", "ignore", "nodiff"}},
	"auth":           {kind: sectionMerge},
	"osquery":        {kind: sectionMerge, listOptions: []string{"pack"}},
	"sca":            {kind: sectionMerge, listOptions: []string{"policies"}},
	"cluster":        {kind: sectionLast, listOptions: []string{"nodes"}},
	"indexer":        {kind: sectionLast, listOptions: []string{"hosts"}},
	"anti_tampering": {kind: sectionLast},

	"vulnerability-detection": {kind: sectionLast},
}

// isListOption reports whether option of section is always a list.
func isListOption(section, option string) bool {
	for _, o := range confSections[section].listOptions {
		if o == option {
			return true
		}
	}
	return false
}

// agentConfJSON is _agentconf2json: one {"filters", "config"} item per
// <agent_config> block, the config converted by _conf2json.
func agentConfJSON(root *xmlNode) []any {
	var out []any
	for _, block := range root.children {
		if block.name != "agent_config" {
			continue
		}
		filters := orderedMap{}
		for _, a := range block.attrs {
			filters = filters.set(a.name, a.value)
		}
		out = append(out, orderedMap{{"filters", filters}, {"config", sectionsJSON(block.children)}})
	}
	if out == nil {
		out = []any{}
	}
	return out
}

// sectionsJSON is _conf2json: each section's options are read with
// _read_option and inserted with _insert; the section is then combined
// with earlier ones by _insert_section. <wodle name="x"> is section x.
func sectionsJSON(nodes []*xmlNode) orderedMap {
	cfg := orderedMap{}
	for _, n := range nodes {
		name := strings.ToLower(n.name)
		if name == "wodle" {
			for _, a := range n.attrs {
				if a.name == "name" {
					name = a.value
				}
			}
		}
		section := orderedMap{}
		for _, opt := range n.children {
			optName, value := readOption(name, opt)
			if list, ok := value.([]any); ok && !(name == "remote" && optName == "protocol") {
				for _, v := range list {
					section = insertOption(section, name, optName, v)
				}
				continue
			}
			section = insertOption(section, name, optName, value)
		}
		cfg = insertSection(cfg, name, section)
	}
	return cfg
}

// insertOption is _insert: empty values are skipped; an existing list
// option grows, any other existing option is replaced (last wins); a new
// list option starts a list.
func insertOption(section orderedMap, sectionName, option string, value any) orderedMap {
	option = strings.ToLower(option)
	if pyFalsy(value) {
		return section
	}
	if cur, ok := section.get(option); ok {
		if list, isList := cur.([]any); isList {
			return section.set(option, append(list, value))
		}
		return section.set(option, value)
	}
	if isListOption(sectionName, option) {
		return section.set(option, []any{value})
	}
	return section.set(option, value)
}

// insertSection is _insert_section: duplicate sections accumulate in a
// list, merge sections update the first one (extending list options),
// last sections replace it, unknown sections are dropped.
func insertSection(cfg orderedMap, name string, data orderedMap) orderedMap {
	spec, known := confSections[name]
	if !known {
		return cfg
	}
	cur, seen := cfg.get(name)
	switch spec.kind {
	case sectionDuplicate:
		if seen {
			return cfg.set(name, append(cur.([]any), data))
		}
		return cfg.set(name, []any{data})
	case sectionMerge:
		if !seen {
			return cfg.set(name, data)
		}
		merged := cur.(orderedMap)
		for _, e := range data {
			old, has := merged.get(e.k)
			oldList, oldIsList := old.([]any)
			newList, newIsList := e.v.([]any)
			if has && isListOption(name, e.k) && oldIsList && newIsList {
				merged = merged.set(e.k, append(oldList, newList...))
				continue
			}
			merged = merged.set(e.k, e.v)
		}
		return cfg.set(name, merged)
	default:
		return cfg.set(name, data)
	}
}

// pyFalsy is Python's `not value` for the values _read_option returns.
func pyFalsy(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case orderedMap:
		return len(x) == 0
	}
	return false
}
