package sqltext

import "strings"

// Token is one coarse SQL token: a word (keyword, name or number), a quoted
// string or identifier, or a single punctuation character. Text is empty at
// the end of input.
type Token struct {
	// Text is the token as written, quotes included.
	Text string
	// Pos is the byte offset of the token in the source.
	Pos int
}

// Scanner splits SQL text into Tokens, skipping blanks and comments.
type Scanner struct {
	src string
	pos int
}

// NewScanner returns a Scanner over src.
func NewScanner(src string) *Scanner { return &Scanner{src: src} }

// Next returns the next token, a Token with empty Text at the end, or
// ErrUnterminated for an unterminated string, identifier or block comment.
func (s *Scanner) Next() (Token, error) {
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			s.pos++
		case c == '-' && s.peek(1) == '-':
			if i := strings.IndexByte(s.src[s.pos:], '\n'); i >= 0 {
				s.pos += i
			} else {
				s.pos = len(s.src)
			}
		case c == '/' && s.peek(1) == '*':
			i := strings.Index(s.src[s.pos+2:], "*/")
			if i < 0 {
				return Token{}, ErrUnterminated
			}
			s.pos += i + 4
		case c == '\'' || c == '"' || c == '`':
			return s.quoted(c)
		case c == '[':
			return s.quoted(']')
		case IsWordByte(c):
			start := s.pos
			for s.pos < len(s.src) && IsWordByte(s.src[s.pos]) {
				s.pos++
			}
			return Token{Text: s.src[start:s.pos], Pos: start}, nil
		default:
			s.pos++
			return Token{Text: s.src[s.pos-1 : s.pos], Pos: s.pos - 1}, nil
		}
	}
	return Token{Pos: len(s.src)}, nil
}

// quoted consumes a quoted token ending with closing; a doubled closing
// quote is an escape, except inside [...] identifiers.
func (s *Scanner) quoted(closing byte) (Token, error) {
	start := s.pos
	s.pos++
	for s.pos < len(s.src) {
		if s.src[s.pos] == closing {
			if closing != ']' && s.peek(1) == closing {
				s.pos += 2
				continue
			}
			s.pos++
			return Token{Text: s.src[start:s.pos], Pos: start}, nil
		}
		s.pos++
	}
	return Token{}, ErrUnterminated
}

func (s *Scanner) peek(off int) byte {
	if s.pos+off < len(s.src) {
		return s.src[s.pos+off]
	}
	return 0
}

// IsWordByte reports bytes that can form SQL keywords, names and numbers
// (non-ASCII bytes count, as SQLite allows them in identifiers).
func IsWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 || (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'z')
}
