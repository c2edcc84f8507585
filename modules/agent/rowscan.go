package main

import (
	"bytes"
	"errors"
	"fmt"
)

// errBadRows is wrapped when wazuh-db rows are not the JSON expected.
var errBadRows = errors.New("agent: malformed wazuh-db rows")

// rowScanner walks a JSON array of flat objects (a wazuh-db "sql" page)
// without decoding it: values are handed out as raw JSON slices of the
// page, valid until the page is released. For a row given to eachRow's
// callback, start is where its object begins and end where it ended once
// read (agentPlan.scanRow).
type rowScanner struct {
	b          []byte
	i          int
	start, end int
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

// eachRow calls fn for every object of the page with a scanner positioned
// on it. A row the callback read (setting end) is not scanned again.
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
	row := &rowScanner{b: page}
	for {
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] != '{' {
			return s.fail("expected '{'")
		}
		*row = rowScanner{b: page, start: s.i}
		if err := fn(row); err != nil {
			return err
		}
		if row.end > 0 {
			s.i = row.end
		} else if err := s.skipObject(); err != nil {
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

// skipString skips the string starting at s.i: up to the next quote not
// escaped by an odd run of backslashes.
func (s *rowScanner) skipString() error {
	s.i++ // opening quote
	for {
		j := bytes.IndexByte(s.b[s.i:], '"')
		if j < 0 {
			s.i = len(s.b)
			return s.fail("unterminated string")
		}
		q := s.i + j
		bs := 0
		for k := q - 1; k >= s.i && s.b[k] == '\\'; k-- {
			bs++
		}
		s.i = q + 1
		if bs%2 == 0 {
			return nil
		}
	}
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
