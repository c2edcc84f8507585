package main

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Comments, processing instructions, CDATA sections and references of the
// expat-like parser (xmlparse.go).

// comment consumes "<!-- … -->".
func (p *xmlParser) comment(parent *domNode) *xmlFail {
	at := p.pos
	if len(p.src) < at+4 {
		return &xmlFail{msg: xmlErrUnclosed, at: at}
	}
	if p.src[at+3] != '-' {
		return &xmlFail{msg: xmlErrInvalidToken, at: at + 3}
	}
	for i := at + 4; i < len(p.src); {
		if strings.HasPrefix(p.src[i:], "--") {
			if i+2 >= len(p.src) {
				break
			}
			if p.src[i+2] != '>' {
				return &xmlFail{msg: xmlErrInvalidToken, at: i + 2}
			}
			parent.children = append(parent.children, &domNode{kind: domComment, data: normalizeNewlines(p.src[at+4 : i])})
			p.pos = i + 3
			return nil
		}
		r, size := utf8.DecodeRuneInString(p.src[i:])
		if !isXMLChar(r) {
			return &xmlFail{msg: xmlErrInvalidToken, at: i}
		}
		i += size
	}
	return &xmlFail{msg: xmlErrUnclosed, at: at}
}

// pi consumes "<?target data?>"; an "xml" declaration here is misplaced.
func (p *xmlParser) pi(parent *domNode) *xmlFail {
	at := p.pos
	if at+2 >= len(p.src) {
		return &xmlFail{msg: xmlErrUnclosed, at: at}
	}
	if !isNameStart(firstRune(p.src[at+2:])) {
		return &xmlFail{msg: xmlErrInvalidToken, at: at + 2}
	}
	target, i := p.name(at + 2)
	targetEnd, dataAt := i, i
	if !strings.HasPrefix(p.src[i:], "?>") {
		if i >= len(p.src) {
			return &xmlFail{msg: xmlErrUnclosed, at: at}
		}
		if !isXMLSpace(p.src[i]) {
			return &xmlFail{msg: xmlErrInvalidToken, at: i}
		}
		dataAt = p.skipSpace(i)
		end := strings.Index(p.src[dataAt:], "?>")
		if end < 0 {
			return &xmlFail{msg: xmlErrUnclosed, at: at}
		}
		i = dataAt + end
		for j := dataAt; j < i; {
			r, size := utf8.DecodeRuneInString(p.src[j:])
			if !isXMLChar(r) {
				return &xmlFail{msg: xmlErrInvalidToken, at: j}
			}
			j += size
		}
	}
	switch {
	case target == "xml":
		return &xmlFail{msg: xmlErrMisplacedDecl, at: at}
	case strings.EqualFold(target, "xml"):
		return &xmlFail{msg: xmlErrInvalidToken, at: targetEnd}
	}
	parent.children = append(parent.children, &domNode{kind: domPI, name: target, data: normalizeNewlines(p.src[dataAt:i])})
	p.pos = i + 2
	return nil
}

// cdata consumes "<![CDATA[ … ]]>". An empty section adds no node, as
// expat reports no character data for it.
func (p *xmlParser) cdata(parent *domNode) *xmlFail {
	at := p.pos
	const open = "<![CDATA["
	for k := 3; k < len(open); k++ {
		if at+k >= len(p.src) {
			return &xmlFail{msg: xmlErrUnclosed, at: at}
		}
		if p.src[at+k] != open[k] {
			return &xmlFail{msg: xmlErrInvalidToken, at: at + k}
		}
	}
	start := at + len(open)
	for i := start; i < len(p.src); {
		if strings.HasPrefix(p.src[i:], "]]>") {
			if i > start {
				parent.children = append(parent.children, &domNode{kind: domCDATA, data: normalizeNewlines(p.src[start:i])})
			}
			p.pos = i + 3
			return nil
		}
		r, size := utf8.DecodeRuneInString(p.src[i:])
		if !isXMLChar(r) {
			return &xmlFail{msg: xmlErrInvalidToken, at: i}
		}
		i += size
	}
	return &xmlFail{msg: xmlErrUnclosedCDATA, at: len(p.src)}
}

// predefinedEntities are XML's five predefined entities.
var predefinedEntities = map[string]string{"amp": "&", "lt": "<", "gt": ">", "quot": `"`, "apos": "'"}

// reference consumes "&name;", "&#N;" or "&#xH;" at p.pos. An undefined
// entity or a bad character number is a semantic failure: p.pos is past
// the reference, and inside attribute values it is reported later.
func (p *xmlParser) reference() (string, *xmlFail) {
	at := p.pos
	i := at + 1
	if i >= len(p.src) {
		return "", &xmlFail{msg: xmlErrUnclosed, at: at}
	}
	if p.src[i] != '#' {
		if !isNameStart(firstRune(p.src[i:])) {
			return "", &xmlFail{msg: xmlErrInvalidToken, at: i}
		}
		name, j := p.name(i)
		if j >= len(p.src) {
			return "", &xmlFail{msg: xmlErrUnclosed, at: at}
		}
		if p.src[j] != ';' {
			return "", &xmlFail{msg: xmlErrInvalidToken, at: j}
		}
		p.pos = j + 1
		s, ok := predefinedEntities[name]
		if v, declared := p.entities[name]; declared {
			s, ok = v, true
		}
		if !ok {
			return "", &xmlFail{msg: xmlErrUndefEntity, at: at, semantic: true}
		}
		return s, nil
	}
	i++
	base, digits := 10, "0123456789"
	if i < len(p.src) && p.src[i] == 'x' {
		base, digits, i = 16, "0123456789abcdefABCDEF", i+1
	}
	start := i
	for ; i < len(p.src) && p.src[i] != ';'; i++ {
		if !strings.ContainsRune(digits, rune(p.src[i])) {
			return "", &xmlFail{msg: xmlErrInvalidToken, at: i}
		}
	}
	if i >= len(p.src) {
		return "", &xmlFail{msg: xmlErrUnclosed, at: at}
	}
	if i == start {
		return "", &xmlFail{msg: xmlErrInvalidToken, at: i}
	}
	p.pos = i + 1
	n, err := strconv.ParseInt(p.src[start:i], base, 32)
	if err != nil || !isXMLChar(rune(n)) {
		return "", &xmlFail{msg: xmlErrBadCharRef, at: at, semantic: true}
	}
	return string(rune(n)), nil
}
