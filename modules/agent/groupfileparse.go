package main

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// The parsers get_file_conf (framework/wazuh/core/configuration.py) applies
// to group files when raw is false: _rootkit_files2json,
// _rootkit_trojans2json, _rcl2json and _ar_conf2json. The reference names
// only the types; the regexes and output shapes follow the Wazuh source.
// Python's \s, \S and \w are Unicode-aware, so they are spelled out here;
// Go's regexp picks the same (leftmost-first) submatches as Python's re.

const (
	pyS    = `[\t\n\v\f\r \x1c-\x1f\x{85}\p{Z}]`
	pyNotS = `[^\t\n\v\f\r \x1c-\x1f\x{85}\p{Z}]`
	pyW    = `[\p{L}\p{N}_]`
)

var (
	reComment      = regexp.MustCompile(`^` + pyS + `*#`)
	reRootkitFile  = regexp.MustCompile(`^` + pyS + `*(.+)` + pyS + `+!` + pyS + `*(.+)` + pyS + `*::` + pyS + `*(.+)`)
	reTrojan       = regexp.MustCompile(`^` + pyS + `*(.+)` + pyS + `+!` + pyS + `*(.+)` + pyS + `*!` + pyS + `*(.+)`)
	reTrojanBinary = regexp.MustCompile(`^` + pyS + `*(.+)` + pyS + `+!` + pyS + `*(.+)` + pyS + `*!`)
	reRCLTitle     = regexp.MustCompile(`^` + pyS + `*\[(.*)\]` + pyS + `*\[(.*)\]` + pyS + `*\[(.*)\]`)
	reRCLNameGroup = regexp.MustCompile(`\{` + pyW + `+:` + pyS + `+` + pyNotS + `+` + pyS + `*` + pyNotS + `*\}`)
	reRCLCheck     = regexp.MustCompile(`^` + pyS + `*(` + pyW + `:.+)`)
	reRCLVar       = regexp.MustCompile(`^` + pyS + `*\$(` + pyW + `+)=(.+)`)
)

// pyLines decodes a file as Python's text mode does: UTF-8 (an error is
// the UnicodeDecodeError text), universal newlines, each line keeping its
// "\n".
func pyLines(data []byte) ([]string, error) {
	if err := utf8Error(data); err != nil {
		return nil, err
	}
	text := normalizeNewlines(string(data))
	if text == "" {
		return nil, nil
	}
	lines := strings.SplitAfter(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines, nil
}

// utf8Error is Python's UnicodeDecodeError message for the first invalid
// byte (positions are counted from the start of the file).
func utf8Error(data []byte) error {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError || size > 1 {
			i += size
			continue
		}
		reason := "invalid continuation byte"
		switch c := data[i]; {
		case c < 0xC2 || c > 0xF4:
			reason = "invalid start byte"
		case !utf8.FullRune(data[i:]):
			reason = "unexpected end of data"
		}
		return fmt.Errorf("'utf-8' codec can't decode byte 0x%02x in position %d: %s", data[i], i, reason)
	}
	return nil
}

// rootkitFilesJSON is _rootkit_files2json: [{filename, name, link}] for
// lines "file ! Name ::Link" (groups are not stripped).
func rootkitFilesJSON(data []byte) (any, error) {
	return rootkitEntries(data, func(l string) orderedMap {
		if m := reRootkitFile.FindStringSubmatch(l); m != nil {
			return orderedMap{{"filename", m[1]}, {"name", m[2]}, {"link", m[3]}}
		}
		return nil
	})
}

// rootkitEntries applies entry to each non-comment line of a rootkit file
// and lists the entries it returns (nil skips the line).
func rootkitEntries(data []byte, entry func(line string) orderedMap) (any, error) {
	lines, err := pyLines(data)
	if err != nil {
		return nil, err
	}
	out := []any{}
	for _, l := range lines {
		if reComment.MatchString(l) {
			continue
		}
		if e := entry(l); e != nil {
			out = append(out, e)
		}
	}
	return out, nil
}

// rootkitTrojansJSON is _rootkit_trojans2json: [{filename, name,
// description}] for "file !pattern!Description", [{filename, name}] for
// "file !pattern!".
func rootkitTrojansJSON(data []byte) (any, error) {
	return rootkitEntries(data, func(l string) orderedMap {
		if m := reTrojan.FindStringSubmatch(l); m != nil {
			return orderedMap{{"filename", m[1]}, {"name", m[2]}, {"description", m[3]}}
		}
		if m := reTrojanBinary.FindStringSubmatch(l); m != nil {
			return orderedMap{{"filename", m[1]}, {"name", m[2]}}
		}
		return nil
	})
}

// arConfJSON is _ar_conf2json: the lines without their "\n".
func arConfJSON(data []byte) (any, error) {
	lines, err := pyLines(data)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimRight(l, "\n")
	}
	return out, nil
}

// rclJSON is _rcl2json: {"vars": {name: value}, "controls": [{name, cis,
// pci, condition, reference, checks}]} for rootcheck policy files
// "[Name {CIS: x} {PCI_DSS: y}] [any|all] [reference]" followed by
// "f:/path -> r:regex;" checks and "$var=value;" definitions.
func rclJSON(data []byte) (any, error) {
	lines, err := pyLines(data)
	if err != nil {
		return nil, err
	}
	vars := orderedMap{}
	controls := []any{}
	var item orderedMap
	var checks []any
	flush := func() {
		if item != nil {
			controls = append(controls, append(item, kv{"checks", checks}))
		}
	}
	for _, l := range lines {
		if reComment.MatchString(l) {
			continue
		}
		if m := reRCLTitle.FindStringSubmatch(l); m != nil {
			flush()
			item, checks = rclControl(m[1], m[2], m[3]), []any{}
			continue
		}
		if m := reRCLCheck.FindStringSubmatch(l); m != nil {
			if item == nil {
				return nil, fmt.Errorf("'checks'") // Python's KeyError: a check before any title
			}
			checks = append(checks, m[1])
			continue
		}
		if m := reRCLVar.FindStringSubmatch(l); m != nil {
			vars = vars.set(m[1], m[2])
		}
	}
	flush()
	return orderedMap{{"vars", vars}, {"controls", controls}}, nil
}

// rclControl builds a control's head from its title. The name is cut at
// the first "{" with Python's name[:name.find('{')], so a title without
// "{" loses its last character, as in Wazuh.
func rclControl(name, condition, reference string) orderedMap {
	runes := []rune(name)
	end := strings.IndexRune(name, '{')
	if end >= 0 {
		end = utf8.RuneCountInString(name[:end])
	} else {
		end = len(runes) - 1
	}
	if end < 0 {
		end = 0
	}
	cis, pci := []any{}, []any{}
	for _, g := range reRCLNameGroup.FindAllString(name, -1) {
		parts := strings.Split(g, ":")
		last := []rune(parts[len(parts)-1])
		value := strings.TrimSpace(string(last[:len(last)-1]))
		if strings.Contains(g, "CIS") {
			cis = append(cis, value)
		} else if strings.Contains(g, "PCI") {
			pci = append(pci, value)
		}
	}
	item := orderedMap{{"name", strings.TrimSpace(string(runes[:end]))}, {"cis", cis}, {"pci", pci}}
	if condition != "" {
		item = append(item, kv{"condition", condition})
	}
	if reference != "" {
		item = append(item, kv{"reference", reference})
	}
	return item
}

// set assigns key as a Python dict does: an existing key keeps its place.
func (o orderedMap) set(key string, v any) orderedMap {
	for i := range o {
		if o[i].k == key {
			o[i].v = v
			return o
		}
	}
	return append(o, kv{key, v})
}
