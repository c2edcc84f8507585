package sdk

import "strings"

// SecretMaskXML replaces the content of every sensitive element in raw
// ossec.conf XML (Wazuh's "***", security.md §4.5).
const SecretMaskXML = "***"

// MaskSensitiveConfigXML returns raw configuration XML (ossec.conf as GET
// /manager/configuration?raw=true serves it) with the content of every
// <key> element, wherever it is (<cluster><key>, any other key element),
// replaced with "***": <key>secret</key> becomes <key>***</key>, and so do
// multi-line contents, CDATA sections, comments and nested elements
// inside it. <authd.pass> elements are masked the same way. Names match
// exactly, as Wazuh's configuration reader compares them.
//
// The input need not be well-formed: the rewriter never fails and errs
// towards masking more.
//   - Comments, CDATA sections and processing instructions are copied with
//     any key element inside them masked too (a commented-out old key is
//     still a secret).
//   - A key element that is never closed masks everything after its start
//     tag; a comment or CDATA section inside a key element that is never
//     closed does the same.
//   - A tag containing "<", even inside a quoted attribute value, is not a
//     tag: scanning resumes at that "<". A tag with an unbalanced quote ends
//     at its first ">".
//   - An empty element <key/> is kept; <key></key> becomes <key>***</key>.
//
// It runs in time linear in the input.
func MaskSensitiveConfigXML(s string) string {
	if !strings.Contains(s, "<key") && !strings.Contains(s, "<authd.pass") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	maskXML(&b, s, false)
	return b.String()
}

// xmlSection is a construct whose body is not markup: a comment, a CDATA
// section or a processing instruction.
type xmlSection struct{ open, close string }

var xmlSections = []xmlSection{{"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"<?", "?>"}}

// sectionAt returns the section starting s, if any.
func sectionAt(s string) (xmlSection, bool) {
	for _, sec := range xmlSections {
		if strings.HasPrefix(s, sec.open) {
			return sec, true
		}
	}
	return xmlSection{}, false
}

// maskXML writes s to b with sensitive elements masked. Inside a section
// (inSection) sections are not recognized again, which bounds the
// recursion to one level.
func maskXML(b *strings.Builder, s string, inSection bool) {
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		s = s[i:]
		if sec, ok := sectionAt(s); ok && !inSection {
			body := s[len(sec.open):]
			b.WriteString(sec.open)
			end := strings.Index(body, sec.close)
			if end < 0 {
				maskXML(b, body, true)
				return
			}
			maskXML(b, body[:end], true)
			b.WriteString(sec.close)
			s = body[end+len(sec.close):]
			continue
		}
		name, tagLen, selfClosing, ok := startTag(s)
		if !ok {
			b.WriteByte('<')
			s = s[1:]
			continue
		}
		b.WriteString(s[:tagLen])
		s = s[tagLen:]
		if selfClosing || !sensitiveConfigField(name) {
			continue
		}
		b.WriteString(SecretMaskXML)
		end := matchingEndTag(s, name, inSection)
		if end < 0 {
			return // never closed: mask the rest
		}
		s = s[end:] // the end tag is copied on the next turn
	}
}

// startTag parses the start tag at the beginning of s ("<name ...>" or
// "<name .../>"), skipping quoted attribute values; with an unbalanced
// quote the tag ends at its first ">". ok is false when s does not start
// with a name or a "<" comes before the tag's ">" (XML allows no "<" in
// attribute values), so the scan never goes past the next "<".
func startTag(s string) (name string, tagLen int, selfClosing, ok bool) {
	n := 1
	for n < len(s) && !strings.ContainsRune(" \t\r\n/<>", rune(s[n])) {
		n++
	}
	if n == 1 {
		return "", 0, false, false
	}
	for i := n; i < len(s); i++ {
		switch c := s[i]; c {
		case '<':
			return "", 0, false, false
		case '"', '\'':
			q := strings.IndexAny(s[i+1:], string(c)+"<")
			if q < 0 || s[i+1+q] == '<' {
				// Unbalanced quote: the tag ends at its first ">" if no
				// "<" comes first, so a broken <key a="> still masks.
				end := strings.IndexAny(s[n:], "<>")
				if end < 0 || s[n+end] == '<' {
					return "", 0, false, false
				}
				return s[1:n], n + end + 1, false, true
			}
			i += 1 + q
		case '>':
			inner := strings.TrimRight(s[n:i], " \t\r\n")
			return s[1:n], i + 1, strings.HasSuffix(inner, "/"), true
		}
	}
	return "", 0, false, false
}

// endTagLen returns the length of the end tag "</name>" (whitespace allowed
// before ">") at the beginning of s, or 0.
func endTagLen(s, name string) int {
	if !strings.HasPrefix(s, "</") || !strings.HasPrefix(s[2:], name) {
		return 0
	}
	rest := s[2+len(name):]
	trimmed := strings.TrimLeft(rest, " \t\r\n")
	if !strings.HasPrefix(trimmed, ">") {
		return 0
	}
	return len(s) - len(trimmed) + 1
}

// matchingEndTag returns the offset in content of the end tag closing an
// element named name whose start tag precedes content, counting nested
// elements of the same name and skipping sections (unless inSection), or
// -1 when there is none.
func matchingEndTag(content, name string, inSection bool) int {
	depth := 1
	for pos := 0; ; {
		i := strings.IndexByte(content[pos:], '<')
		if i < 0 {
			return -1
		}
		p := pos + i
		rest := content[p:]
		if sec, ok := sectionAt(rest); ok && !inSection {
			end := strings.Index(rest[len(sec.open):], sec.close)
			if end < 0 {
				return -1
			}
			pos = p + len(sec.open) + end + len(sec.close)
			continue
		}
		if n := endTagLen(rest, name); n > 0 {
			if depth--; depth == 0 {
				return p
			}
			pos = p + n
			continue
		}
		if tagName, tagLen, selfClosing, ok := startTag(rest); ok && tagName == name && !selfClosing {
			depth++
			pos = p + tagLen
			continue
		}
		pos = p + 1
	}
}
