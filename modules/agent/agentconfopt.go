package main

import "strings"

// readOption is _read_option (framework/wazuh/core/configuration.py,
// data-layer.md §7): the option's lower-cased name and its value.
//
//   - syscheck <directories>: one {attrs…, "path": p} per comma-separated
//     path (a list, inserted element by element);
//   - syscheck <synchronization>/<whodata>: {child: text}, a text with a
//     comma after its first character split into a list;
//   - cluster <nodes>, sca <policies>, indexer <hosts>: the children's texts;
//   - labels <label>: {"value": text, attrs…};
//   - remote <protocol>: the comma-separated values, stripped;
//   - otherwise an element with attributes is {attrs…, "item": text} (or
//     {attrs…, child: value…} when it has children), an element with
//     children is {child: [values…]} and a leaf is its text.
//
// Texts are trimmed, and an empty text is Python's None (null).
func readOption(section string, opt *xmlNode) (string, any) {
	name := strings.ToLower(opt.name)
	text := optText(opt)
	switch {
	case section == "syscheck" && name == "directories":
		return name, directoryPaths(opt)
	case section == "syscheck" && (name == "synchronization" || name == "whodata"):
		value := orderedMap{}
		for _, c := range opt.children {
			childName, childValue := readOption(strings.ToLower(c.name), c)
			if s, ok := childValue.(string); ok && strings.Index(s, ",") > 0 {
				childValue = stringsToAny(strings.Split(s, ","))
			}
			value = value.set(childName, childValue)
		}
		return name, value
	case section == "cluster" && name == "nodes", section == "sca" && name == "policies",
		section == "indexer" && name == "hosts":
		texts := []any{}
		for _, c := range opt.children {
			texts = append(texts, optText(c))
		}
		return name, texts
	case section == "labels" && name == "label":
		value := orderedMap{{"value", text}}
		for _, a := range opt.attrs {
			value = value.set(a.name, a.value)
		}
		return name, value
	case section == "remote" && name == "protocol":
		var parts []string
		if s, ok := text.(string); ok {
			for _, p := range strings.Split(s, ",") {
				parts = append(parts, strings.TrimSpace(p))
			}
		}
		return name, stringsToAny(parts)
	}
	return name, genericOption(opt, text)
}

// genericOption is _read_option's default branch.
func genericOption(opt *xmlNode, text any) any {
	if len(opt.attrs) > 0 {
		value := orderedMap{}
		for _, a := range opt.attrs {
			value = value.set(a.name, a.value)
		}
		if len(opt.children) == 0 {
			return value.set("item", text)
		}
		for _, c := range opt.children {
			childName, childValue := readOption(strings.ToLower(c.name), c)
			value = value.set(childName, childValue)
		}
		return value
	}
	if len(opt.children) == 0 {
		return text
	}
	value := orderedMap{}
	for _, c := range opt.children {
		childName, childValue := readOption(strings.ToLower(c.name), c)
		if cur, ok := value.get(childName); ok {
			value = value.set(childName, append(cur.([]any), childValue))
			continue
		}
		value = value.set(childName, []any{childValue})
	}
	return value
}

// directoryPaths is the syscheck <directories> value: the attributes
// copied into one object per comma-separated path.
func directoryPaths(opt *xmlNode) []any {
	out := []any{}
	s, ok := optText(opt).(string)
	if !ok {
		return out
	}
	for _, p := range strings.Split(s, ",") {
		entry := orderedMap{}
		for _, a := range opt.attrs {
			entry = entry.set(a.name, a.value)
		}
		out = append(out, entry.set("path", strings.TrimSpace(p)))
	}
	return out
}

// optText is the element's trimmed text, nil when empty (ElementTree's
// None).
func optText(n *xmlNode) any {
	if t := strings.TrimSpace(n.text); t != "" {
		return t
	}
	return nil
}

// stringsToAny converts a []string to a JSON list ([] when empty).
func stringsToAny(ss []string) []any {
	out := make([]any, 0, len(ss))
	for _, s := range ss {
		out = append(out, s)
	}
	return out
}
