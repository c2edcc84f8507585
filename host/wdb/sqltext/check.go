package sqltext

import (
	"errors"
	"strings"
)

// Errors returned by Check.
var (
	// ErrEmpty is returned for text without any statement.
	ErrEmpty = errors.New("empty statement")
	// ErrMultiple is returned when a second statement follows the first.
	ErrMultiple = errors.New("only one statement is accepted")
	// ErrForbidden is returned for statements other than SELECT, VALUES,
	// INSERT, UPDATE, DELETE and REPLACE (DDL, PRAGMA, ATTACH, BEGIN...).
	ErrForbidden = errors.New("statement not allowed")
	// ErrReadOnly is returned for a write statement when writes are off.
	ErrReadOnly = errors.New("only SELECT statements are accepted")
	// ErrUnterminated is returned for an unterminated string, quoted
	// identifier or block comment.
	ErrUnterminated = errors.New("unterminated string, identifier or comment")
)

var (
	readVerbs  = map[string]bool{"SELECT": true, "VALUES": true}
	writeVerbs = map[string]bool{"INSERT": true, "UPDATE": true, "DELETE": true, "REPLACE": true}
)

// Check vets SQL received over the socket. wazuh-db compiles only the first
// statement of the text and runs whatever it is; the embedded server is
// stricter: the text must hold exactly one statement (trailing ';' allowed)
// and that statement must be a SELECT (or VALUES) or, when allowWrite is set,
// an INSERT, UPDATE, DELETE or REPLACE, possibly behind a WITH clause. It
// returns the statement without its terminator and whether it only reads.
func Check(q string, allowWrite bool) (stmt string, readOnly bool, err error) {
	end, err := statementEnd(q)
	if err != nil {
		return "", false, err
	}
	stmt = strings.TrimSpace(q[:end])
	verb := MainVerb(stmt)
	switch {
	case verb == "":
		return "", false, ErrEmpty
	case readVerbs[verb]:
		return stmt, true, nil
	case writeVerbs[verb]:
		if !allowWrite {
			return "", false, ErrReadOnly
		}
		return stmt, false, nil
	default:
		return "", false, ErrForbidden
	}
}

// statementEnd returns the offset of the first top-level ';' (or len(q)),
// failing when anything but blanks, comments or more ';' follows it.
func statementEnd(q string) (int, error) {
	s := Scanner{src: q}
	for {
		tok, err := s.Next()
		if err != nil {
			return 0, err
		}
		if tok.Text == "" {
			return len(q), nil
		}
		if tok.Text != ";" {
			continue
		}
		for {
			more, err := s.Next()
			if err != nil {
				return 0, err
			}
			if more.Text == "" {
				return tok.Pos, nil
			}
			if more.Text != ";" {
				return 0, ErrMultiple
			}
		}
	}
}

// MainVerb returns the upper-cased keyword that decides what a statement
// does: its first word or, for "WITH ...", the first top-level SELECT,
// VALUES, INSERT, UPDATE, DELETE or REPLACE after the common table
// expressions. It returns "" when there is none.
func MainVerb(stmt string) string {
	s := Scanner{src: stmt}
	depth := 0
	first := true
	for {
		tok, err := s.Next()
		if err != nil || tok.Text == "" {
			return ""
		}
		up := strings.ToUpper(tok.Text)
		if first {
			first = false
			if up != "WITH" {
				return up
			}
			continue
		}
		switch {
		case tok.Text == "(":
			depth++
		case tok.Text == ")":
			depth--
		case depth == 0 && (readVerbs[up] || writeVerbs[up]):
			return up
		}
	}
}
