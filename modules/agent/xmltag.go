package main

import (
	"strings"
	"unicode/utf8"
)

// Start tags of the expat-like parser (xmlparse.go): attributes are
// tokenized first, then checked in expat's storeAtts order (duplicates,
// reference errors, namespace declarations and prefixes).

// tagAttr is an attribute as tokenized, its value's first reference error
// kept for after the duplicate check (expat's storeAtts order).
type tagAttr struct {
	name   string
	nameAt int
	value  string
	fail   *xmlFail
}

// startTag consumes "<name attr='v' …>" or "<name …/>".
func (p *xmlParser) startTag() *xmlFail {
	at := p.pos
	name, i, f := p.qname(at + 1)
	if f != nil {
		return f
	}
	var attrs []tagAttr
	empty := false
	for {
		j := p.skipSpace(i)
		ws := j > i
		i = j
		if i >= len(p.src) {
			return &xmlFail{msg: xmlErrUnclosed, at: at}
		}
		if c := p.src[i]; c == '>' || c == '/' {
			if c == '/' {
				if i+1 >= len(p.src) {
					return &xmlFail{msg: xmlErrUnclosed, at: at}
				}
				if p.src[i+1] != '>' {
					return &xmlFail{msg: xmlErrInvalidToken, at: i + 1}
				}
				empty, i = true, i+1
			}
			i++
			break
		}
		if !ws || !isNameStart(firstRune(p.src[i:])) {
			return &xmlFail{msg: xmlErrInvalidToken, at: i}
		}
		a := tagAttr{nameAt: i}
		if a.name, i, f = p.qname(i); f != nil {
			return f
		}
		if a.value, a.fail, i, f = p.attrValue(at, p.skipSpace(i)); f != nil {
			return f
		}
		attrs = append(attrs, a)
	}
	el, decls, f := p.storeAttrs(at, name, attrs)
	if f != nil {
		return f
	}
	parent := p.doc
	if len(p.stack) > 0 {
		parent = p.stack[len(p.stack)-1]
	}
	parent.children = append(parent.children, el)
	p.pos = i
	if !empty {
		if len(p.stack) >= maxDepth {
			return &xmlFail{msg: errRecursion}
		}
		p.stack = append(p.stack, el)
		p.prefixes = append(p.prefixes, decls)
	}
	return nil
}

// storeAttrs is expat's storeAtts: per attribute in order the duplicate
// check then its value's reference errors and namespace declarations, then
// the prefixes of the attributes and of the element. minidom lists the
// namespace declarations first, then the other attributes.
func (p *xmlParser) storeAttrs(at int, name string, attrs []tagAttr) (*domNode, []string, *xmlFail) {
	el := &domNode{kind: domElement, name: name}
	var decls []string
	var regular []domAttr
	seen := map[string]bool{}
	for _, a := range attrs {
		if seen[a.name] {
			return nil, nil, &xmlFail{msg: xmlErrDupAttr, at: a.nameAt}
		}
		seen[a.name] = true
		if a.fail != nil {
			return nil, nil, a.fail
		}
		if a.name == "xmlns" || strings.HasPrefix(a.name, "xmlns:") {
			if a.name != "xmlns" && a.value == "" {
				return nil, nil, &xmlFail{msg: xmlErrUndeclare, at: at}
			}
			decls = append(decls, a.name)
			el.attrs = append(el.attrs, domAttr{a.name, a.value})
			continue
		}
		regular = append(regular, domAttr{a.name, a.value})
	}
	p.prefixes = append(p.prefixes, decls)
	defer func() { p.prefixes = p.prefixes[:len(p.prefixes)-1] }()
	for _, a := range regular {
		if !p.bound(a.name) {
			return nil, nil, &xmlFail{msg: xmlErrUnboundPrefix, at: at}
		}
	}
	if !p.bound(name) {
		return nil, nil, &xmlFail{msg: xmlErrUnboundPrefix, at: at}
	}
	el.attrs = append(el.attrs, regular...)
	return el, decls, nil
}

// attrValue consumes `= "value"` starting at i, normalizing white space
// and expanding references as expat does. fail is the value's first
// reference error (reported by storeAttrs); syntax is a tokenizer error.
func (p *xmlParser) attrValue(tagAt, i int) (value string, fail *xmlFail, next int, syntax *xmlFail) {
	if i >= len(p.src) {
		return "", nil, i, &xmlFail{msg: xmlErrUnclosed, at: tagAt}
	}
	if p.src[i] != '=' {
		return "", nil, i, &xmlFail{msg: xmlErrInvalidToken, at: i}
	}
	i = p.skipSpace(i + 1)
	if i >= len(p.src) {
		return "", nil, i, &xmlFail{msg: xmlErrUnclosed, at: tagAt}
	}
	q := p.src[i]
	if q != '"' && q != '\'' {
		return "", nil, i, &xmlFail{msg: xmlErrInvalidToken, at: i}
	}
	var b strings.Builder
	for i++; ; {
		if i >= len(p.src) {
			return "", nil, i, &xmlFail{msg: xmlErrUnclosed, at: tagAt}
		}
		r, size := utf8.DecodeRuneInString(p.src[i:])
		switch {
		case r == rune(q):
			return b.String(), fail, i + 1, nil
		case r == '<':
			return "", nil, i, &xmlFail{msg: xmlErrInvalidToken, at: i}
		case r == '&':
			p.pos = i
			s, f := p.reference()
			switch {
			case f != nil && !f.semantic:
				return "", nil, i, f
			case f != nil && fail == nil:
				fail = f
				if f.msg == xmlErrUndefEntity {
					fail.at = tagAt // expat resolves attribute entities after tokenizing the tag
				}
			}
			b.WriteString(s)
			i, size = p.pos, 0
		case r == '\r':
			b.WriteByte(' ')
			if i+1 < len(p.src) && p.src[i+1] == '\n' {
				size++
			}
		case r == '\t' || r == '\n':
			b.WriteByte(' ')
		case !isXMLChar(r):
			return "", nil, i, &xmlFail{msg: xmlErrInvalidToken, at: i}
		default:
			b.WriteRune(r)
		}
		i += size
	}
}

// bound reports whether the prefix of a qualified name is declared.
func (p *xmlParser) bound(qname string) bool {
	prefix, _, ok := strings.Cut(qname, ":")
	if !ok || prefix == "xml" {
		return true
	}
	for _, decls := range p.prefixes {
		for _, d := range decls {
			if d == "xmlns:"+prefix {
				return true
			}
		}
	}
	return false
}
