package main

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// This file is an XML 1.0 well-formedness parser that reports errors as
// expat does through Python's xml.dom.minidom.parseString (ExpatError:
// "<message>: line L, column C", column 0-based, at the offending
// character), and builds the minidom tree Wazuh's
// upload_group_configuration re-serializes. No DTD support is needed: the
// document is always Wazuh's "<root>\n…\n</root>" wrapper.

// domKind is the node type of a domNode.
type domKind uint8

const (
	domDocument domKind = iota
	domElement
	domText
	domCDATA
	domComment
	domPI
)

// domAttr is one attribute, in document order.
type domAttr struct{ name, value string }

// domNode is a minidom node.
type domNode struct {
	kind     domKind
	name     string // element tag name or PI target
	attrs    []domAttr
	data     string // text, CDATA, comment or PI data
	children []*domNode
	buf      *strings.Builder // text being accumulated while parsing
}

// expatError is the text of Python's xml.parsers.expat.ExpatError.
type expatError struct {
	msg       string
	line, col int
}

// Error implements error.
func (e *expatError) Error() string {
	return fmt.Sprintf("%s: line %d, column %d", e.msg, e.line, e.col)
}

// Expat's XML_ErrorString texts for the errors this parser detects.
const (
	xmlErrSyntax        = "syntax error"
	xmlErrNoElements    = "no element found"
	xmlErrInvalidToken  = "not well-formed (invalid token)"
	xmlErrUnclosed      = "unclosed token"
	xmlErrTagMismatch   = "mismatched tag"
	xmlErrDupAttr       = "duplicate attribute"
	xmlErrJunk          = "junk after document element"
	xmlErrUndefEntity   = "undefined entity"
	xmlErrBadCharRef    = "reference to invalid character number"
	xmlErrMisplacedDecl = "XML or text declaration not at start of entity"
	xmlErrUnclosedCDATA = "unclosed CDATA section"
	xmlErrUnboundPrefix = "unbound prefix"
	xmlErrUndeclare     = "must not undeclare prefix"
)

// maxDepth bounds element nesting. Wazuh re-serializes the document with
// minidom's recursive writexml, one Python frame per level, so a document
// nested deeper than the interpreter's recursion limit (1000 frames, about
// 30 of them already in use by the API worker) fails with a
// RecursionError, which upload_group_configuration reports as 1113.
const maxDepth = 970

// errRecursion is the RecursionError text.
const errRecursion = "maximum recursion depth exceeded while calling a Python object"

// xmlFail is an error at a byte offset, turned into line and column last.
type xmlFail struct {
	msg      string
	at       int
	semantic bool // found after tokenizing (see reference)
}

// xmlParser holds the parse state.
type xmlParser struct {
	src      string
	pos      int
	doc      *domNode
	stack    []*domNode
	prefixes [][]string // namespace prefixes declared by each open element
	rootSeen bool
	entities map[string]string // declared entities besides the predefined ones
}

// parseDOM parses src as minidom.parseString does (namespace-aware expat).
func parseDOM(src string) (*domNode, error) { return parseDOMEntities(src, nil) }

// parseDOMEntities is parseDOM with general entities declared beyond XML's
// predefined ones (as a DOCTYPE internal subset would declare them).
func parseDOMEntities(src string, entities map[string]string) (*domNode, error) {
	p := &xmlParser{src: src, doc: &domNode{kind: domDocument}, entities: entities}
	if f := p.run(); f != nil {
		if f.msg == errRecursion {
			return nil, errors.New(errRecursion)
		}
		line, col := xmlPosition(src, f.at)
		return nil, &expatError{msg: f.msg, line: line, col: col}
	}
	finishText(p.doc)
	return p.doc, nil
}

func (p *xmlParser) run() *xmlFail {
	for p.pos < len(p.src) {
		var f *xmlFail
		if len(p.stack) > 0 {
			f = p.contentStep()
		} else {
			f = p.outsideStep()
		}
		if f != nil {
			return f
		}
	}
	if len(p.stack) > 0 || !p.rootSeen {
		return &xmlFail{msg: xmlErrNoElements, at: len(p.src)}
	}
	return nil
}

// outsideStep consumes one token before or after the document element.
func (p *xmlParser) outsideStep() *xmlFail {
	rest := p.src[p.pos:]
	switch {
	case isXMLSpace(rest[0]):
		p.pos++
		return nil
	case strings.HasPrefix(rest, "<!--"):
		return p.comment(p.doc)
	case strings.HasPrefix(rest, "<?"):
		return p.pi(p.doc)
	case rest[0] == '<' && len(rest) > 1 && isNameStart(firstRune(rest[1:])):
		if p.rootSeen {
			return &xmlFail{msg: xmlErrJunk, at: p.pos}
		}
		p.rootSeen = true
		return p.startTag()
	case rest[0] == '<':
		if len(rest) == 1 {
			return &xmlFail{msg: xmlErrUnclosed, at: p.pos}
		}
		return &xmlFail{msg: xmlErrInvalidToken, at: p.pos + 1}
	case p.rootSeen:
		return &xmlFail{msg: xmlErrJunk, at: p.pos}
	}
	return &xmlFail{msg: xmlErrSyntax, at: p.pos}
}

// contentStep consumes one token inside the current element.
func (p *xmlParser) contentStep() *xmlFail {
	top := p.stack[len(p.stack)-1]
	rest := p.src[p.pos:]
	if rest[0] == '&' {
		s, f := p.reference()
		if f != nil {
			return f
		}
		appendText(top, s)
		return nil
	}
	if rest[0] != '<' {
		return p.text(top)
	}
	if len(rest) < 2 {
		return &xmlFail{msg: xmlErrUnclosed, at: p.pos}
	}
	switch rest[1] {
	case '/':
		return p.endTag()
	case '?':
		return p.pi(top)
	case '!':
		switch {
		case strings.HasPrefix(rest, "<!-"):
			return p.comment(top)
		case strings.HasPrefix(rest, "<!["):
			return p.cdata(top)
		case len(rest) < 3:
			return &xmlFail{msg: xmlErrUnclosed, at: p.pos}
		}
		return &xmlFail{msg: xmlErrInvalidToken, at: p.pos + 2}
	}
	if !isNameStart(firstRune(rest[1:])) {
		return &xmlFail{msg: xmlErrInvalidToken, at: p.pos + 1}
	}
	return p.startTag()
}

// text consumes character data up to the next '<' or '&'.
func (p *xmlParser) text(top *domNode) *xmlFail {
	var b strings.Builder
	i := p.pos
	for i < len(p.src) && p.src[i] != '<' && p.src[i] != '&' {
		r, size := utf8.DecodeRuneInString(p.src[i:])
		switch {
		case r == ']' && strings.HasPrefix(p.src[i:], "]]>"):
			return &xmlFail{msg: xmlErrInvalidToken, at: i + 2}
		case r == '\r':
			b.WriteByte('\n')
			if i+1 < len(p.src) && p.src[i+1] == '\n' {
				size++
			}
		case !isXMLChar(r):
			return &xmlFail{msg: xmlErrInvalidToken, at: i}
		default:
			b.WriteRune(r)
		}
		i += size
	}
	p.pos = i
	appendText(top, b.String())
	return nil
}

// appendText adds character data, merged with a preceding text node as
// minidom's expat builder does (in a builder, so that many references in
// a row stay linear; finishText sets data).
func appendText(parent *domNode, s string) {
	if s == "" {
		return
	}
	if n := len(parent.children); n > 0 && parent.children[n-1].kind == domText {
		parent.children[n-1].buf.WriteString(s)
		return
	}
	t := &domNode{kind: domText, buf: &strings.Builder{}}
	t.buf.WriteString(s)
	parent.children = append(parent.children, t)
}

// finishText moves the text builders into data, without recursion.
func finishText(doc *domNode) {
	for todo := []*domNode{doc}; len(todo) > 0; {
		n := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if n.buf != nil {
			n.data, n.buf = n.buf.String(), nil
		}
		todo = append(todo, n.children...)
	}
}

// endTag consumes "</name>" and closes the current element. End tag
// names may hold colons anywhere but first: they must only match.
func (p *xmlParser) endTag() *xmlFail {
	at := p.pos
	i := at + 2
	if i >= len(p.src) {
		return &xmlFail{msg: xmlErrUnclosed, at: at}
	}
	if !isNameStart(firstRune(p.src[i:])) {
		return &xmlFail{msg: xmlErrInvalidToken, at: i}
	}
	start := i
	for i < len(p.src) {
		r, size := utf8.DecodeRuneInString(p.src[i:])
		if !isNameChar(r) && r != ':' {
			break
		}
		i += size
	}
	name := p.src[start:i]
	i = p.skipSpace(i)
	if i >= len(p.src) {
		return &xmlFail{msg: xmlErrUnclosed, at: at}
	}
	if p.src[i] != '>' {
		return &xmlFail{msg: xmlErrInvalidToken, at: i}
	}
	if top := p.stack[len(p.stack)-1]; top.name != name {
		return &xmlFail{msg: xmlErrTagMismatch, at: at + 2}
	}
	p.pos = i + 1
	p.stack = p.stack[:len(p.stack)-1]
	p.prefixes = p.prefixes[:len(p.prefixes)-1]
	return nil
}
