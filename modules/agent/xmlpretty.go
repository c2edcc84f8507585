package main

import (
	"errors"
	"fmt"
	"strings"
)

// agentConfEntities are upload_group_configuration's custom entities: the
// escapes Wazuh's own XML reader understands (`\<`, `\>`) and the `&lt;`
// / `&gt;` references are swapped for placeholders before parsing so they
// survive the DOM round trip, then put back in the written file.
var agentConfEntities = [][2]string{
	{"_custom_open_tag_", `\<`},
	{"_custom_close_tag_", `\>`},
	{"_custom_amp_lt_", "&lt;"},
	{"_custom_amp_gt_", "&gt;"},
}

// domReverts undo minidom's escaping in the written text, applied one after
// the other in Wazuh's order (so "&amp;lt;" ends up as "<").
var domReverts = [][2]string{{"&amp;", "&"}, {"&lt;", "<"}, {"&quot;", `"`}, {"&gt;", ">"}, {"&apos;", "'"}}

// formatAgentConf is Wazuh 4.14's upload_group_configuration formatting of
// a new agent.conf (framework/wazuh/core/configuration.py; the reference
// documents only the error codes, this follows the Wazuh source):
//
//	for each custom entity: content = re.sub(entity, placeholder, content)
//	xml = minidom.parseString(f'<root>\n{content}\n</root>')
//	pretty = '\n'.join(filter(lambda x: x.strip(),
//	                   xml.toprettyxml(indent='  ').split('\n')[2:-2])) + '\n'
//	pretty = pretty.replace("&amp;", "&").replace("&lt;", "<")
//	               .replace("&quot;", "\"").replace("&gt;", ">").replace("&apos;", "'")
//	final = re.sub(r'^  ', '', pretty, flags=re.MULTILINE)
//	for each custom entity: final = re.sub(placeholder, entity, final)
//
// A parse failure is the ExpatError Wazuh reports with code 1113. The
// document is returned for the verify-agent-conf checks.
func formatAgentConf(content string) (string, *domNode, error) {
	for _, e := range agentConfEntities {
		content = strings.ReplaceAll(content, e[1], e[0])
	}
	doc, err := parseDOM("<root>\n" + content + "\n</root>")
	if err != nil {
		return "", nil, fmt.Errorf("agent: agent.conf: %w", err)
	}
	w := &prettyWriter{limit: maxFormattedSize}
	writePretty(w, doc, "", "  ", "\n")
	if w.over {
		return "", nil, fmt.Errorf("agent: agent.conf: %w", errTooLarge)
	}
	lines := strings.Split(w.String(), "\n")
	if len(lines) < 4 {
		lines = nil
	} else {
		lines = lines[2 : len(lines)-2]
	}
	kept := lines[:0]
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			kept = append(kept, l)
		}
	}
	pretty := strings.Join(kept, "\n") + "\n"
	for _, r := range domReverts {
		pretty = strings.ReplaceAll(pretty, r[0], r[1])
	}
	lines = strings.Split(pretty, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "  ")
	}
	final := strings.Join(lines, "\n")
	for _, e := range agentConfEntities {
		final = strings.ReplaceAll(final, e[0], e[1])
	}
	return final, doc, nil
}

// maxFormattedSize bounds the re-indented file. Wazuh has no limit, but
// indentation grows with nesting (a 10 MB upload of deeply nested empty
// elements would expand to gigabytes), and the file must fit one host
// message to be written.
const maxFormattedSize = 32 << 20

// errTooLarge reports an upload whose formatted file exceeds
// maxFormattedSize.
var errTooLarge = errors.New("the formatted agent.conf exceeds 32 MiB")

// prettyWriter is a strings.Builder that stops growing past limit.
type prettyWriter struct {
	strings.Builder
	limit int
	over  bool
}

// WriteString appends s unless the limit is reached.
func (w *prettyWriter) WriteString(s string) {
	if w.over || w.Len()+len(s) > w.limit {
		w.over = true
		return
	}
	w.Builder.WriteString(s)
}

// writePretty is Python 3.10's minidom toprettyxml(indent=addIndent,
// newl="\n"): attributes in document order, an element whose only child is
// text or CDATA kept on one line, childless elements as "<x/>", CDATA
// written without indentation or newline.
func writePretty(w *prettyWriter, n *domNode, indent, addIndent, newl string) {
	switch n.kind {
	case domDocument:
		w.WriteString("<?xml version=\"1.0\" ?>" + newl)
		for _, c := range n.children {
			writePretty(w, c, indent, addIndent, newl)
		}
	case domElement:
		w.WriteString(indent + "<" + n.name)
		for _, a := range n.attrs {
			w.WriteString(" " + a.name + "=\"" + domEscape(a.value) + "\"")
		}
		if len(n.children) == 0 {
			w.WriteString("/>" + newl)
			return
		}
		w.WriteString(">")
		if c := n.children[0]; len(n.children) == 1 && (c.kind == domText || c.kind == domCDATA) {
			writePretty(w, c, "", "", "")
		} else {
			w.WriteString(newl)
			for _, c := range n.children {
				writePretty(w, c, indent+addIndent, addIndent, newl)
			}
			w.WriteString(indent)
		}
		w.WriteString("</" + n.name + ">" + newl)
	case domText:
		w.WriteString(domEscape(indent + n.data + newl))
	case domCDATA:
		w.WriteString("<![CDATA[" + n.data + "]]>")
	case domComment:
		w.WriteString(indent + "<!--" + n.data + "-->" + newl)
	case domPI:
		w.WriteString(indent + "<?" + n.name + " " + n.data + "?>" + newl)
	}
}

// domEscaper is minidom's _write_data (Python 3.10).
var domEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;", ">", "&gt;")

func domEscape(s string) string { return domEscaper.Replace(s) }

// errorDetail is the innermost error text of a formatting failure (the
// ExpatError or RecursionError text Wazuh shows).
func errorDetail(err error) string {
	for errors.Unwrap(err) != nil {
		err = errors.Unwrap(err)
	}
	return err.Error()
}
