package main

import (
	"errors"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// loadWazuhXML is Wazuh's load_wazuh_xml (framework/wazuh/core/utils.py),
// which reads agent.conf and ossec.conf leniently before ElementTree parses
// them (data-layer.md §7 lists its steps; the regexes follow the source):
//
//   - "--" inside comments becomes "..";
//   - "&lt;" and "&gt;" are kept as placeholders and restored, as those
//     literal texts, in element text;
//   - backslashes become the custom entity &backslash; (so they survive);
//   - a "<" that does not start a tag on its line (`<(?!/?\w+.+>|!--)`)
//     and a "&" that does not start a known entity are escaped, so files
//     Wazuh itself writes with bare "&" parse;
//   - the result is wrapped in a 3-line DOCTYPE declaring the entity and
//     <root_tag>, which fixes the line numbers of parse errors.
//
// The error is ElementTree's ParseError text.
func loadWazuhXML(data []byte) (*xmlNode, error) {
	s := string(data)
	for _, m := range xmlCommentRe.FindAllStringSubmatch(s, -1) {
		s = strings.ReplaceAll(s, m[2], strings.ReplaceAll(m[2], "--", ".."))
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "&lt;", "_custom_amp_lt_"), "&gt;", "_custom_amp_gt_")
	s = strings.ReplaceAll(s, `\`, "&backslash;")
	s = escapeStrayLT(s)
	s = strings.ReplaceAll(s, "&backslash;<", "&backslash;&lt;")
	s = strings.ReplaceAll(s, "&backslash;>", "&backslash;&gt;")
	s = escapeStrayAmp(s)
	// The DOCTYPE's three lines are blank lines here: the parser declares
	// the entity itself.
	doc, err := parseDOMEntities("\n\n\n<root_tag>"+s+"</root_tag>", map[string]string{"backslash": `\`})
	if err != nil {
		for errors.Unwrap(err) != nil {
			err = errors.Unwrap(err)
		}
		return nil, err
	}
	return etreeNode(rootElement(doc)), nil
}

var xmlCommentRe = regexp.MustCompile(`(?s)(<!--(.*?)-->)`)

// escapeStrayLT is re.sub(r"<(?!/?\w+.+>|!--)", "&lt;", s): "<" stays
// only before "!--" or before an optional "/", a word character and at
// least one more character then ">" on the same line.
func escapeStrayLT(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '<' || startsTag(s[i+1:]) {
			b.WriteByte(s[i])
			continue
		}
		b.WriteString("&lt;")
	}
	return b.String()
}

func startsTag(rest string) bool {
	if strings.HasPrefix(rest, "!--") {
		return true
	}
	rest = strings.TrimPrefix(rest, "/")
	r, size := utf8.DecodeRuneInString(rest)
	if size == 0 || !(r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)) {
		return false
	}
	line, _, _ := strings.Cut(rest[size:], "\n")
	return len(line) > 1 && strings.Contains(line[1:], ">")
}

// knownEntities are the entities load_wazuh_xml leaves unescaped.
var knownEntities = []string{"amp;", "lt;", "gt;", "apos;", "quot;", "backslash;"}

// escapeStrayAmp escapes every "&" not starting a known entity.
func escapeStrayAmp(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '&' {
			b.WriteByte(s[i])
			continue
		}
		known := false
		for _, e := range knownEntities {
			known = known || strings.HasPrefix(s[i+1:], e)
		}
		if known {
			b.WriteByte('&')
		} else {
			b.WriteString("&amp;")
		}
	}
	return b.String()
}

// placeholderText restores the "&lt;" / "&gt;" placeholders in text.
var placeholderText = strings.NewReplacer("_custom_amp_lt_", "&lt;", "_custom_amp_gt_", "&gt;")

// etreeNode converts an element as ElementTree builds it: its text is the
// character data (CDATA included, placeholders restored) before its first
// child element; comments and instructions are dropped.
func etreeNode(n *domNode) *xmlNode {
	if n == nil {
		return nil
	}
	out := &xmlNode{name: n.name, attrs: n.attrs}
	var text strings.Builder
	for _, c := range n.children {
		switch {
		case c.kind == domElement:
			out.children = append(out.children, etreeNode(c))
		case (c.kind == domText || c.kind == domCDATA) && len(out.children) == 0:
			text.WriteString(c.data)
		}
	}
	out.text = placeholderText.Replace(text.String())
	return out
}
