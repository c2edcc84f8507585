package main

import (
	"errors"
	"fmt"
)

// errBadRows is wrapped when wazuh-db rows are not the JSON expected.
var errBadRows = errors.New("agent: malformed wazuh-db rows")

// rowScanner walks a JSON array of flat objects (a wazuh-db "sql" page)
// without decoding it: values are handed out as raw JSON slices of the
// page, valid until the page is released.
type rowScanner struct {
	b []byte
	i int
}

func (s *rowScanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\n', '\r', '\t':
			s.i++
		default:
			return
		}
	}
}

func (s *rowScanner) fail(what string) error {
	return fmt.Errorf("%w: %s at byte %d", errBadRows, what, s.i)
}

// eachRow calls fn for every object of the page with a callback that
// iterates its key/value pairs.
func eachRow(page []byte, fn func(row *rowScanner) error) error {
	s := &rowScanner{b: page}
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != '[' {
		return s.fail("expected '['")
	}
	s.i++
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == ']' {
		return nil
	}
	for {
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] != '{' {
			return s.fail("expected '{'")
		}
		start := s.i
		if err := s.skipObject(); err != nil {
			return err
		}
		row := &rowScanner{b: s.b[start:s.i]}
		if err := fn(row); err != nil {
			return err
		}
		s.ws()
		if s.i >= len(s.b) {
			return s.fail("unterminated array")
		}
		if s.b[s.i] == ']' {
			return nil
		}
		if s.b[s.i] != ',' {
			return s.fail("expected ','")
		}
		s.i++
	}
}

// pairs calls fn with each key (without quotes, still escaped) and raw
// value of a flat object.
func (s *rowScanner) pairs(fn func(key, val []byte)) error {
	s.i = 0
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		return s.fail("expected '{'")
	}
	s.i++
	for {
		s.ws()
		if s.i < len(s.b) && s.b[s.i] == '}' {
			return nil
		}
		if s.i >= len(s.b) || s.b[s.i] != '"' {
			return s.fail("expected key")
		}
		ks := s.i
		if err := s.skipString(); err != nil {
			return err
		}
		key := s.b[ks+1 : s.i-1]
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] != ':' {
			return s.fail("expected ':'")
		}
		s.i++
		s.ws()
		vs := s.i
		if err := s.skipValue(); err != nil {
			return err
		}
		fn(key, s.b[vs:s.i])
		s.ws()
		if s.i < len(s.b) && s.b[s.i] == ',' {
			s.i++
		}
	}
}

func (s *rowScanner) skipString() error {
	s.i++ // opening quote
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case '\\':
			s.i += 2
		case '"':
			s.i++
			return nil
		default:
			s.i++
		}
	}
	return s.fail("unterminated string")
}

func (s *rowScanner) skipValue() error {
	if s.i >= len(s.b) {
		return s.fail("missing value")
	}
	switch s.b[s.i] {
	case '"':
		return s.skipString()
	case '{', '[':
		return s.skipObject()
	}
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ',', '}', ']', ' ', '\n', '\r', '\t':
			return nil
		}
		s.i++
	}
	return nil
}

// skipObject skips a balanced object or array starting at s.i.
func (s *rowScanner) skipObject() error {
	depth := 0
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case '"':
			if err := s.skipString(); err != nil {
				return err
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				s.i++
				return nil
			}
		}
		s.i++
	}
	return s.fail("unterminated object")
}
